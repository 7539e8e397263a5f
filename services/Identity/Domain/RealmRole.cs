namespace Fenghuo.Identity.Domain;

public sealed record RealmRole(Guid Id, string Name, string Description);
