using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Jurisdictions.Acts;

/// <summary>What came of a change to a plan: the version as it now stands, or why nothing changed.</summary>
public sealed record PlanOutcome(StoredPlanVersion? Version, IReadOnlyList<FieldError> Errors, PlanRefusal? Refusal)
{
    /// <summary>The jurisdiction or version is not one the caller may see.</summary>
    public static PlanOutcome Missing { get; } = new(null, [], null);

    public static PlanOutcome Done(StoredPlanVersion version) => new(version, [], null);

    public static PlanOutcome Invalid(params IReadOnlyList<FieldError> errors) => new(null, errors, null);

    public static PlanOutcome Refused(PlanRefusal refusal) => new(null, [], refusal);
}

/// <summary>Why a plan change was refused, in Chinese and English; a refused change changes nothing.</summary>
public sealed record PlanRefusal(int Status, string Code, string MessageZh, string MessageEn)
{
    public static PlanRefusal NotAuthor { get; } = new(StatusCodes.Status403Forbidden, "not_plan_author",
        "只有本辖区指挥部（指挥长、副指挥长、办公室主任）或平台管理员可以编辑预案",
        "Only the jurisdiction's own command (commander, deputy, office director) or a platform admin may edit its plan");

    public static PlanRefusal NotADraft { get; } = new(StatusCodes.Status409Conflict, "not_a_draft",
        "已发布的预案版本不能修改，请新建草稿", "A published plan version cannot change; start a new draft");

    public static PlanRefusal DraftExists { get; } = new(StatusCodes.Status409Conflict, "draft_exists",
        "已有一份草稿，请先编辑、发布或放弃它", "A draft already exists; edit, publish or discard it first");
}
