using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Tests;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy =
        PasswordPolicy.Parse("length(8) and digits(1) and lowerCase(1) and upperCase(1) and specialChars(1) and notUsername");

    [Fact]
    public void A_strong_password_passes()
    {
        Assert.Empty(Policy.Check("Fenghuo@dev1", "yangcheng.duty", null));
    }

    [Theory]
    [InlineData("F@d1", "invalidPasswordMinLengthMessage")]
    [InlineData("Fenghuo@dev", "invalidPasswordMinDigitsMessage")]
    [InlineData("FENGHUO@DEV1", "invalidPasswordMinLowerCaseCharsMessage")]
    [InlineData("fenghuo@dev1", "invalidPasswordMinUpperCaseCharsMessage")]
    [InlineData("Fenghuodev1", "invalidPasswordMinSpecialCharsMessage")]
    public void Each_rule_is_reported_with_keycloaks_message_key(string password, string code)
    {
        var violation = Assert.Single(Policy.Check(password, "someone", null));
        Assert.Equal(code, violation.Code);
        Assert.NotEmpty(violation.MessageZh);
        Assert.StartsWith("Invalid password", violation.MessageEn);
    }

    [Fact]
    public void The_username_is_not_a_password()
    {
        Assert.Contains(Policy.Check("Yangcheng.Duty1", "yangcheng.duty1", null), v => v.Code == "invalidPasswordNotUsernameMessage");
    }

    [Fact]
    public void Arguments_and_defaults_follow_keycloak()
    {
        Assert.Empty(PasswordPolicy.Parse("length(12)").Check("Fenghuo@dev12", "x", null));
        Assert.Single(PasswordPolicy.Parse("length").Check("short", "x", null));
        Assert.Single(PasswordPolicy.Parse("length(12)").Check("Fenghuo@dev", "x", null));
    }

    [Fact]
    public void An_unknown_policy_is_an_error()
    {
        Assert.Throws<FormatException>(() => PasswordPolicy.Parse("length(8) and hashIterations(27500)"));
    }
}
