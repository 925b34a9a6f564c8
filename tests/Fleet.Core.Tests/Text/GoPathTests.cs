using Fleet.Core.Text;

namespace Fleet.Core.Tests.Text;

/// <summary>Go's path.Clean, with the cases of Go's own path_test.go.</summary>
public class GoPathTests
{
    [Theory]
    // Already clean.
    [InlineData("", ".")]
    [InlineData("abc", "abc")]
    [InlineData("abc/def", "abc/def")]
    [InlineData("a/b/c", "a/b/c")]
    [InlineData(".", ".")]
    [InlineData("..", "..")]
    [InlineData("../..", "../..")]
    [InlineData("../../abc", "../../abc")]
    [InlineData("/abc", "/abc")]
    [InlineData("/", "/")]
    // Trailing slash removed.
    [InlineData("abc/", "abc")]
    [InlineData("abc/def/", "abc/def")]
    [InlineData("a/b/c/", "a/b/c")]
    [InlineData("./", ".")]
    [InlineData("../", "..")]
    [InlineData("../../", "../..")]
    [InlineData("/abc/", "/abc")]
    // Doubled slashes.
    [InlineData("abc//def//ghi", "abc/def/ghi")]
    [InlineData("//abc", "/abc")]
    [InlineData("///abc", "/abc")]
    [InlineData("//abc//", "/abc")]
    [InlineData("abc//", "abc")]
    // . elements.
    [InlineData("abc/./def", "abc/def")]
    [InlineData("/./abc/def", "/abc/def")]
    [InlineData("abc/.", "abc")]
    // .. elements.
    [InlineData("abc/def/ghi/../jkl", "abc/def/jkl")]
    [InlineData("abc/def/../ghi/../jkl", "abc/jkl")]
    [InlineData("abc/def/..", "abc")]
    [InlineData("abc/def/../..", ".")]
    [InlineData("/abc/def/../..", "/")]
    [InlineData("abc/def/../../..", "..")]
    [InlineData("/abc/def/../../..", "/")]
    [InlineData("abc/def/../../../ghi/jkl/../../../mno", "../../mno")]
    // Combinations.
    [InlineData("abc/./../def", "def")]
    [InlineData("abc//./../def", "def")]
    [InlineData("abc/../../././../def", "../../def")]
    // Where fleetctl uses it: the folder of a unit file given on the command line.
    [InlineData("/srv/units//", "/srv/units")]
    public void Paths_are_cleaned_as_go_cleans_them(string path, string clean) => Assert.Equal(clean, GoPath.Clean(path));
}
