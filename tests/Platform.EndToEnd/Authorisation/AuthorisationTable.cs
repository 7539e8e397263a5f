using static Fenghuo.Platform.EndToEnd.Authorisation.Rule;
using static Fenghuo.Platform.EndToEnd.Authorisation.Who;
using static Fenghuo.Platform.EndToEnd.Authorisation.Whose;

namespace Fenghuo.Platform.EndToEnd.Authorisation;

/// <summary>
/// Who may call what, on whose records, one line an operation of the OpenAPI documents. A new
/// endpoint fails <see cref="AuthorisationMatrixTests"/> until it has a line here.
/// "Allowed" means the caller gets past authorisation and visibility: the answer may still be a
/// field error or a state conflict. "Denied" is 401, 403 or a 404 that hides the record.
/// Visibility runs down the subtree, never to a sibling branch or upward, unless a record was
/// escalated (the child's incident and warning here were).
/// </summary>
public static class AuthorisationTable
{
    public static readonly IReadOnlyList<Rule> Rules =
    [
        // identity: OpenID Connect is open to whoever holds the credentials it asks for; the admin API is the platform administrator's.
        Anywhere("POST /realms/fenghuo/protocol/openid-connect/token", Everyone, "protocol"),
        Anywhere("GET /realms/fenghuo/protocol/openid-connect/userinfo", Everyone, "protocol"),
        Anywhere("POST /realms/fenghuo/protocol/openid-connect/userinfo", Everyone, "protocol"),
        Anywhere("POST /realms/fenghuo/account/credentials/password", Everyone, "one's own password"),
        Anywhere("GET /realms/fenghuo/protocol/openid-connect/auth", Everyone, "protocol"),
        Anywhere("POST /realms/fenghuo/protocol/openid-connect/auth", Everyone, "protocol"),
        Anywhere("POST /realms/fenghuo/login-actions/authenticate", Everyone, "login page"),
        Anywhere("POST /realms/fenghuo/login-actions/required-action", Everyone, "login page"),
        Anywhere("GET /realms/fenghuo/protocol/openid-connect/logout", Everyone, "protocol"),
        Anywhere("POST /realms/fenghuo/protocol/openid-connect/logout", Everyone, "protocol"),
        Anywhere("POST /admin/realms/{realm}/users", Admin),
        Anywhere("GET /admin/realms/{realm}/users", Admin),
        Anywhere("GET /admin/realms/{realm}/users/{id}", Admin),
        Anywhere("PUT /admin/realms/{realm}/users/{id}", Admin),
        Anywhere("DELETE /admin/realms/{realm}/users/{id}", Admin),
        Anywhere("PUT /admin/realms/{realm}/users/{id}/reset-password", Admin),
        Anywhere("GET /admin/realms/{realm}/roles", Admin),
        Anywhere("GET /admin/realms/{realm}/roles/{name}", Admin),
        Anywhere("GET /admin/realms/{realm}/users/{id}/role-mappings/realm", Admin),
        Anywhere("POST /admin/realms/{realm}/users/{id}/role-mappings/realm", Admin),
        Anywhere("DELETE /admin/realms/{realm}/users/{id}/role-mappings/realm", Admin),
        Anywhere("DELETE /admin/realms/{realm}/attack-detection/brute-force/users/{id}", Admin),
        Anywhere("GET /admin/realms/{realm}/approvals", Admin),
        Anywhere("POST /admin/realms/{realm}/approvals/{id}", Admin),

        // jurisdictions: the tree down from the caller; onboarding and moving jurisdictions are the platform administrator's.
        On("GET /api/jurisdictions/directory/{code}", Tenant, Subtree, "the tenant directory every service keeps").And(Admin, Any),
        Anywhere("GET /api/jurisdictions", Everyone, "the caller's own subtree"),
        Anywhere("POST /api/jurisdictions", Admin, "onboarding"),
        On("GET /api/jurisdictions/{code}", Tenant, Subtree | Parent, "and one's parent command, to which one escalates").And(Admin, Any),
        // The administrator reads every plan; Shanxi and Xinzhou have none to read.
        On("GET /api/jurisdictions/{code}/plan", Tenant | Admin, Subtree),
        On("GET /api/jurisdictions/{code}/plans", Tenant | Admin, Subtree),
        // The jurisdiction's own command writes its plan, the administrator any plan (PlanAuthoring); the caller is weighed before the body.
        On("POST /api/jurisdictions/{code}/plans", Commander | Deputy | Director, Own).And(Admin, Any),
        On("GET /api/jurisdictions/{code}/plans/{version}", Tenant | Admin, Subtree),
        On("GET /api/jurisdictions/{code}/plans/{version}/citations", Tenant | Admin, Subtree, "the findings a plan version cites, read like the version"),
        On("PUT /api/jurisdictions/{code}/plans/{version}", Commander | Deputy | Director, Own, "version 1 is in force: 409 to whoever may edit it").And(Admin, Subtree),
        On("POST /api/jurisdictions/{code}/plans/{version}/publish", Commander | Deputy | Director, Own, "version 1 is in force: 409 to whoever may publish").And(Admin, Subtree),
        On("DELETE /api/jurisdictions/{code}/plans/{version}", Commander | Deputy | Director, Own, "version 1 is in force: 409 to whoever may discard drafts").And(Admin, Subtree),
        On("GET /api/jurisdictions/{code}/contacts", Tenant | Admin, Subtree),
        Anywhere("GET /api/jurisdictions/plan-revisions", Everyone),
        On("PUT /api/jurisdictions/{code}/parent", Admin, Any, "chain of command"),
        On("PUT /api/jurisdictions/{code}/status", Admin, Any, "chain of command"),
        Anywhere("GET /api/plan-templates", Everyone, "reference data"),
        Anywhere("GET /api/plan-templates/schema", Everyone, "reference data"),
        Anywhere("GET /api/plan-templates/{id}", Everyone, "reference data"),

        // incidents (services/Incidents/README.md): the owner and the commands it escalated to; the analyst reads, the administrator reads no contents.
        On("GET /api/incidents/plans/{code}", Tenant, Subtree, "plan replica"),
        On("GET /api/incidents/directory/{code}", Tenant, Subtree, "tenant directory replica").And(Admin, Any),
        Anywhere("POST /api/incidents", Writers),
        // The administrator belongs to no jurisdiction: its listings answer, with nothing in them.
        Anywhere("GET /api/incidents", Everyone),
        Anywhere("GET /api/incidents/escalated", Everyone),
        Anywhere("GET /api/incidents/summary", Everyone),
        On("GET /api/incidents/{id}", Tenant, Subtree),
        On("GET /api/incidents/{id}/timeline", Tenant, Subtree, "older pages of the record, read like the incident"),
        On("POST /api/incidents/{id}/assessment", Assessors, Own),
        // The plan names these acts' roles per response level; Jincheng's names the commander, the deputy and the
        // office director, never the duty officer, who is refused before the incident's state is weighed.
        On("POST /api/incidents/{id}/response", LevelApprovers, Own).AnswersFirst(409, "an unassessed incident has no response to start, whichever approver asks"),
        On("PUT /api/incidents/{id}/response/level", LevelApprovers, Own).AnswersFirst(409, "no response is running, whichever approver asks"),
        On("POST /api/incidents/{id}/response/control", LevelApprovers, Own).AnswersFirst(409, "no response is running, whichever approver asks"),
        On("POST /api/incidents/{id}/response/end", LevelApprovers, Own).AnswersFirst(409, "no response is running, whichever approver asks"),
        On("POST /api/incidents/{id}/followups", Writers, Own),
        On("POST /api/incidents/{id}/escalations", Assessors, Subtree, "a command passes what was escalated to it further up"),
        On("POST /api/incidents/{id}/acknowledgement", Desk, Child),
        On("POST /api/incidents/{id}/takeover", Commander | Deputy, Child),
        On("POST /api/incidents/{id}/inquiries", Desk, Child),
        On("POST /api/incidents/{id}/inquiries/{inquiryId}/answer", Writers, Own),
        On("POST /api/incidents/{id}/review", Assessors, Own),
        On("POST /api/incidents/{id}/close", Commander | Deputy | Director, Own),

        // warnings (services/Warnings/README.md): the issuer, the subtree below it, and its parent (reported upward).
        On("GET /api/warnings/plans/{code}", Tenant, Subtree, "plan replica"),
        On("GET /api/warnings/directory/{code}", Tenant, Subtree, "tenant directory replica").And(Admin, Any),
        Anywhere("GET /api/warnings/levels", Everyone, "the administrator has no plan: 404"),
        Anywhere("POST /api/warnings", Desk),
        Anywhere("GET /api/warnings", Everyone),
        On("GET /api/warnings/{id}", Tenant, Subtree),
        On("POST /api/warnings/{id}/issue", Commander | Deputy, Own),
        On("POST /api/warnings/{id}/adjust", Commander | Deputy, Own),
        On("POST /api/warnings/{id}/lift", Commander | Deputy, Own),
        On("POST /api/warnings/{id}/acknowledgement", Tenant, Parent, "those below the issuer sign for it; Shanxi has issued none"),
        Anywhere("GET /api/warnings/cap", Everyone),
        On("GET /api/warnings/{id}/cap", Tenant, Subtree),

        // notifications: each user's own inbox; the item tried here is Jincheng's duty officer's.
        On("GET /api/notifications/directory/{code}", Tenant, Subtree, "tenant directory replica").And(Admin, Any),
        Anywhere("GET /api/notifications", Everyone, "the caller's own inbox"),
        Anywhere("GET /api/notifications/unread-count", Everyone, "the caller's own inbox"),
        Anywhere("GET /api/notifications/stream", Everyone, "the caller's own inbox"),
        On("GET /api/notifications/{id}", Duty, Own, "one user's item"),
        On("POST /api/notifications/{id}/read", Duty, Own, "one user's item"),
        On("POST /api/notifications/{id}/acknowledgement", Duty, Own, "one user's item"),
        // Webhooks, delivery log and settings are the tenant's own (services/Notifications): its users read, its office director or commander changes.
        Anywhere("GET /api/notifications/webhooks", Everyone, "the caller's tenant's"),
        Anywhere("POST /api/notifications/webhooks", Director | Commander),
        On("GET /api/notifications/webhooks/{webhookId}", Tenant, Own),
        On("POST /api/notifications/webhooks/{webhookId}/enable", Director | Commander, Own),
        On("POST /api/notifications/webhooks/{webhookId}/disable", Director | Commander, Own),
        On("DELETE /api/notifications/webhooks/{webhookId}", Director | Commander, Own, "each caller after a delete is tried on a new webhook"),
        Anywhere("GET /api/notifications/deliveries", Desk, "the caller's tenant's; names recipients and webhook URLs"),
        Anywhere("GET /api/notifications/settings", Everyone, "the caller's tenant's"),
        Anywhere("PUT /api/notifications/settings", Director | Commander, "the caller's tenant's"),

        // exercises (services/Exercises/README.md): participants and the organiser's ancestors see one, everyone else 404;
        // the organiser's office director, deputy commander or commander acts on it; the inject's target answers it.
        On("GET /api/exercises/plans/{code}", Tenant, Subtree, "plan replica"),
        On("GET /api/exercises/directory/{code}", Tenant, Subtree, "tenant directory replica").And(Admin, Any),
        Anywhere("POST /api/exercises", Director | Deputy | Commander, "organised by the caller's own"),
        Anywhere("GET /api/exercises", Everyone, "what the caller organises, takes part in or oversees"),
        Anywhere("GET /api/exercises/compliance", Everyone, "the caller's subtree"),
        On("GET /api/exercises/{id}", Tenant, Subtree),
        On("GET /api/exercises/{id}/report", Tenant, Subtree),
        On("POST /api/exercises/{id}/start", Director | Deputy | Commander, Own),
        On("POST /api/exercises/{id}/end", Director | Deputy | Commander, Own),
        On("POST /api/exercises/{id}/evaluation", Director | Deputy | Commander, Own),
        On("POST /api/exercises/{id}/findings/{findingId}/close", Director | Deputy | Commander, Own),
        On("POST /api/exercises/{id}/findings/{findingId}/plan-revision", Director | Deputy | Commander, Own),
        On("POST /api/exercises/{id}/injects/{injectId}/response", Desk, Own, "the inject's target, duty officer and above"),

        // summaries (services/Summaries/README.md): the caller's own subtree to its analyst, duty officer, office director and commander; rebuild is the administrator's.
        On("GET /api/summaries/directory/{code}", Tenant, Subtree, "tenant directory replica").And(Admin, Any),
        Anywhere("GET /api/summaries/overview", Analyst | Duty | Director | Commander),
        Anywhere("GET /api/summaries/export", Analyst | Duty | Director | Commander),
        Anywhere("GET /api/summaries/incidents", Analyst | Duty | Director | Commander),
        Anywhere("POST /api/summaries/rebuild", Admin),
    ];
}
