namespace Fenghuo.Platform.EndToEnd.Authorisation;

/// <summary>The demo roles, one user each in Jincheng (and the platform administrator).</summary>
[Flags]
public enum Who
{
    None = 0,
    Commander = 1,
    Deputy = 2,
    Director = 4,
    Duty = 8,
    Reporter = 16,
    Reviewer = 32,
    Analyst = 64,
    Admin = 128,

    /// <summary>Every role of a jurisdiction.</summary>
    Tenant = Commander | Deputy | Director | Duty | Reporter | Reviewer | Analyst,
    Everyone = Tenant | Admin,

    /// <summary>ActRoles.Report: who fills in and writes on an incident.</summary>
    Writers = Commander | Deputy | Director | Duty | Reporter | Reviewer,

    /// <summary>ActRoles.Assess / Escalate / Review.</summary>
    Assessors = Commander | Deputy | Director | Duty | Reviewer,

    /// <summary>ActRoles.CommandDesk: the desk of a command an incident was escalated to.</summary>
    Desk = Commander | Deputy | Director | Duty,

    /// <summary>The roles the seeded plans name for some response level (approverRoles).</summary>
    LevelApprovers = Commander | Deputy | Director,
}

/// <summary>Whose record the caller (Jincheng) tries: its own, a child's (Yangcheng), its parent's (Shanxi), another branch's (Xinzhou).</summary>
[Flags]
public enum Whose
{
    Nobody = 0,
    Own = 1,
    Child = 2,
    Parent = 4,
    Sibling = 8,

    /// <summary>Down the subtree: the caller's own and its descendants'.</summary>
    Subtree = Own | Child,
    Any = Own | Child | Parent | Sibling,
}

/// <summary>Roles that may act on records of these owners.</summary>
public sealed record Grant(Who Who, Whose Whose);

/// <summary>
/// One operation's rule: who may act on whose records. <see cref="RealmWide"/> operations act on
/// no jurisdiction's record (the admin API, reference data, the caller's own listings): only the
/// role decides, and their 404 means "allowed, but nothing by that id".
/// </summary>
public sealed record Rule(string Operation, bool RealmWide, string Why, params Grant[] Grants)
{
    /// <summary>An answer that says nothing about the caller here, with why (a state conflict or a field error weighed before the role).</summary>
    public (int Status, string Why)? Undecided { get; init; }

    public Rule AnswersFirst(int status, string why) => this with { Undecided = (status, why) };

    public bool Allows(Who role, Whose whose) => Grants.Any(g => g.Who.HasFlag(role) && (RealmWide || g.Whose.HasFlag(whose)));

    public static Rule Anywhere(string operation, Who who, string why = "") => new(operation, true, why, new Grant(who, Whose.Any));

    public static Rule On(string operation, Who who, Whose whose, string why = "") => new(operation, false, why, new Grant(who, whose));

    public Rule And(Who who, Whose whose) => this with { Grants = [.. Grants, new Grant(who, whose)] };
}
