using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Jurisdictions.Domain;

/// <summary>Checks that keep the tree a tree when a jurisdiction changes parent.</summary>
public static class ChainOfCommandRules
{
    public static List<FieldError> CheckMove(Jurisdiction moved, Jurisdiction? newParent)
    {
        if (moved.ParentCode is null)
        {
            return [new FieldError("parentCode", "root_cannot_move", "顶级辖区没有上级，不能移动", "The root jurisdiction has no parent and cannot move")];
        }
        if (newParent is null)
        {
            return [new FieldError("parentCode", "parent_not_found", "上级辖区不存在", "The parent jurisdiction does not exist")];
        }
        if (Subtree.Contains(moved.Path, newParent.Path))
        {
            return [new FieldError("parentCode", "cycle", "不能移到自身或其下级之下：指挥链会成环", "Cannot move under itself or its own subtree: the chain of command would loop")];
        }
        if (newParent.Status != JurisdictionStatus.Active)
        {
            return [new FieldError("parentCode", "parent_suspended", "上级辖区已停用", "The parent jurisdiction is suspended")];
        }
        if (newParent.Code == moved.ParentCode)
        {
            return [new FieldError("parentCode", "same_parent", "已在该上级之下", "It is already under that parent")];
        }
        return [];
    }
}
