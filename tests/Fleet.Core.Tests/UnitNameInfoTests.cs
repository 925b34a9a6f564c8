
namespace Fleet.Core.Tests;

public class UnitNameInfoTests
{
    [Fact]
    public void A_template_names_its_prefix_and_no_instance()
    {
        var info = Assert.Single(UnitNameInfo.Parse("web@.service").RightToSeq());
        Assert.Equal(new UnitNameInfo("web@.service", "web@", "web", "web@.service", ""), info);
        Assert.True(info.IsTemplate);
        Assert.False(info.IsInstance);
        Assert.Equal("web@8080.service", info.InstanceName("8080"));
    }

    [Fact]
    public void An_instance_names_its_template_and_instance()
    {
        var info = Assert.Single(UnitNameInfo.Parse("web@8080.service").RightToSeq());
        Assert.Equal("web", info.Prefix);
        Assert.Equal("web@.service", info.Template);
        Assert.Equal("8080", info.Instance);
        Assert.True(info.IsInstance);
        Assert.False(info.IsTemplate);
        Assert.Throws<InvalidOperationException>(() => info.InstanceName("1"));
    }

    [Fact]
    public void An_instance_string_runs_from_the_first_at_to_the_last_dot()
    {
        var info = Assert.Single(UnitNameInfo.Parse("a@b@c.d.socket").RightToSeq());
        Assert.Equal("a", info.Prefix);
        Assert.Equal("b@c.d", info.Instance);
        Assert.Equal("a@.socket", info.Template);
    }

    [Fact]
    public void A_plain_unit_is_neither()
    {
        var info = Assert.Single(UnitNameInfo.Parse("hello.service").RightToSeq());
        Assert.Equal(new UnitNameInfo("hello.service", "hello", "hello", null, null), info);
        Assert.False(info.IsTemplate);
        Assert.False(info.IsInstance);
    }

    [Fact]
    public void A_name_without_a_dot_is_refused()
    {
        Assert.Equal(ErrorKind.Validation, Assert.Single(UnitNameInfo.Parse("hello").LeftToSeq()).Kind);
    }
}
