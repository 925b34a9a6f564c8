using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Transport.Tests.Conveniences;

public sealed class UnitSourceTests
{
    private const string WebText = "[Service]\nExecStart=/usr/bin/web --port %i\n";

    [Fact]
    public void A_folder_gives_its_unit_files_in_name_order_and_nothing_else()
    {
        using var folder = new TempFolder();
        folder.Write("b.socket", "[Socket]\nListenStream=80\n");
        folder.Write("a.service", "[Service]\nExecStart=/bin/true\n");
        folder.Write("README.md", "not a unit");
        folder.Write("notes.txt", "not a unit");
        Directory.CreateDirectory(folder.Combine("nested.service"));
        Directory.CreateDirectory(folder.Combine("sub"));
        File.WriteAllText(Path.Combine(folder.Path, "sub", "c.service"), "[Service]\nExecStart=/bin/true\n");

        var sources = UnitSource.FromFolder(folder.Path).Right();

        Assert.Equal(["a.service", "b.socket"], sources.Select(s => s.Name));
    }

    [Fact]
    public void An_empty_instance_or_a_link_to_its_template_takes_the_template_file()
    {
        using var folder = new TempFolder();
        var template = folder.Write("web@.service", WebText);
        folder.Write("web@1.service", "");
        folder.Link("web@2.service", template);

        var sources = UnitSource.FromFolder(folder.Path).Right();

        var web = UnitFile.Parse(WebText).Right();
        Assert.Equal([new UnitSource("web@.service", web), new UnitSource("web@1.service", web), new UnitSource("web@2.service", web)], sources);
    }

    [Fact]
    public void A_missing_instance_in_a_file_list_takes_the_template_beside_it()
    {
        using var folder = new TempFolder();
        folder.Write("web@.service", WebText);

        var sources = UnitSource.FromFiles([folder.Combine("web@7.service")]).Right();

        Assert.Equal([new UnitSource("web@7.service", UnitFile.Parse(WebText).Right())], sources);
    }

    [Fact]
    public void A_missing_file_that_is_not_an_instance_is_an_error_naming_it()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("hello.service");

        var error = UnitSource.FromFiles([path]).Left();

        Assert.Equal(ErrorKind.UnitFile, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_does_not_parse_is_an_error_naming_the_file_and_the_line()
    {
        using var folder = new TempFolder();
        folder.Write("good.service", "[Service]\nExecStart=/bin/true\n");
        var bad = folder.Write("hello.service", "[Unit]\nDescription=Hello\n[Service\nExecStart=/bin/true\n");

        var error = UnitSource.FromFolder(folder.Path).Left();

        Assert.Equal(ErrorKind.UnitFile, error.Kind);
        Assert.StartsWith(bad + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Location?.Line);
    }

    [Fact]
    public void A_file_named_as_fleet_refuses_is_an_error_naming_it()
    {
        using var folder = new TempFolder();
        var path = folder.Write("-bad name.service", "[Service]\nExecStart=/bin/true\n");

        var error = UnitSource.FromFolder(folder.Path).Left();

        Assert.Equal((ErrorKind.Validation, $"{path}: invalid character ' ' in unit name"), (error.Kind, error.Message));
    }

    [Fact]
    public void The_same_unit_twice_in_a_file_list_is_refused()
    {
        using var folder = new TempFolder();
        var path = folder.Write("hello.service", "[Service]\nExecStart=/bin/true\n");

        var error = UnitSource.FromFiles([path, path]).Left();

        Assert.Equal(ErrorKind.Validation, error.Kind);
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_an_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "fleet-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var error = UnitSource.FromFolder(path).Left();

        Assert.Equal(ErrorKind.UnitFile, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
