using Fleet.Core;
using Fleet.Transport.Etcd;
using Fleet.Tests.Shared.Etcd;

namespace Fleet.Transport.Tests.Etcd;

/// <summary>Get, set and delete against a real etcd, with etcd's answers and error codes as they come.</summary>
public sealed class EtcdKeysTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>, IAsyncLifetime
{
    private readonly string prefix = EtcdFixture.NewPrefix();
    private EtcdKeysClient client = null!;

    public Task InitializeAsync()
    {
        client = EtcdKeysClient.Create(etcd.Server.ClientUrl).Right();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await client.DisposeAsync();

    [Fact]
    public async Task A_set_key_reads_back_with_its_value_and_indexes()
    {
        var set = (await client.SetAsync($"{prefix}/greeting", "hello world")).Right();
        var got = (await client.GetAsync($"{prefix}/greeting")).Right();

        Assert.Equal("set", set.Action);
        Assert.Equal($"{prefix}/greeting", set.Node.Key);
        Assert.Equal("get", got.Action);
        Assert.Equal("hello world", got.Node.Value);
        Assert.False(got.Node.Dir);
        Assert.Equal(set.Node.ModifiedIndex, got.Node.ModifiedIndex);
        Assert.Equal(set.Node.CreatedIndex, got.Node.CreatedIndex);
        Assert.Null(got.Node.Ttl);
    }

    [Fact]
    public async Task The_etcd_index_header_comes_with_every_answer_and_grows_with_writes()
    {
        var first = (await client.SetAsync($"{prefix}/a", "1")).Right();
        var second = (await client.SetAsync($"{prefix}/a", "2")).Right();
        var read = (await client.GetAsync($"{prefix}/a")).Right();

        Assert.True(first.Index > 0);
        Assert.Equal(first.Node.ModifiedIndex, first.Index);
        Assert.Equal(first.Index + 1, second.Index);
        Assert.Equal(second.Index, read.Index);
        Assert.Equal("1", second.PrevNode?.Value);
    }

    [Fact]
    public async Task A_recursive_sorted_get_lists_a_directory_in_key_order()
    {
        foreach (var (key, value) in new[] { ("job/web@.service/object", "w"), ("job/b.service/target-state", "loaded"), ("job/a.service/object", "a"), ("job/a.service/target-state", "launched") })
        {
            (await client.SetAsync($"{prefix}/{key}", value)).Right();
        }

        var job = (await client.GetAsync($"{prefix}/job", new EtcdGetOptions { Recursive = true, Sorted = true })).Right().Node;
        var flat = (await client.GetAsync($"{prefix}/job", new EtcdGetOptions { Sorted = true })).Right().Node;

        Assert.True(job.Dir);
        Assert.Equal([$"{prefix}/job/a.service", $"{prefix}/job/b.service", $"{prefix}/job/web@.service"], job.Nodes.Select(n => n.Key));
        Assert.Equal(
            [("object", "a"), ("target-state", "launched")],
            job.Nodes[0].Nodes.Select(n => (n.Key[(n.Key.LastIndexOf('/') + 1)..], n.Value)));
        Assert.Equal("loaded", job.Nodes[1].Nodes.Single().Value);
        // One level only without recursive: the children are there, their children are not.
        Assert.Equal(3, flat.Nodes.Count);
        Assert.All(flat.Nodes, n => Assert.Empty(n.Nodes));
    }

    [Fact]
    public async Task A_missing_key_is_etcd_error_100_not_found()
    {
        (await client.SetAsync($"{prefix}/something", "x")).Right();

        var error = (await client.GetAsync($"{prefix}/nothing")).Left();

        Assert.Equal(ErrorKind.Http, error.Kind);
        Assert.Equal(404, error.Code);
        Assert.Equal(EtcdErrorCodes.KeyNotFound, error.EtcdCode);
        // Go's client's words: code, message, cause (the key) and etcd's index.
        Assert.Matches($"^100: Key not found \\({prefix}/nothing\\) \\[[0-9]+\\]$", error.Message);
    }

    [Fact]
    public async Task Creating_a_key_that_exists_is_etcd_error_105_and_leaves_its_value()
    {
        var created = (await client.SetAsync($"{prefix}/unit/abc", "first", new EtcdSetOptions { PrevExist = false })).Right();
        var again = (await client.SetAsync($"{prefix}/unit/abc", "second", new EtcdSetOptions { PrevExist = false })).Left();

        Assert.Equal("create", created.Action);
        Assert.Equal(412, again.Code);
        Assert.Equal(EtcdErrorCodes.KeyExists, again.EtcdCode);
        Assert.Equal("first", (await client.GetAsync($"{prefix}/unit/abc")).Right().Node.Value);
    }

    [Fact]
    public async Task Updating_a_key_that_does_not_exist_is_etcd_error_100()
    {
        var error = (await client.SetAsync($"{prefix}/absent", "x", new EtcdSetOptions { PrevExist = true })).Left();

        Assert.Equal(EtcdErrorCodes.KeyNotFound, error.EtcdCode);
    }

    [Fact]
    public async Task A_set_whose_prevValue_or_prevIndex_does_not_hold_is_etcd_error_101_and_one_that_holds_swaps()
    {
        var set = (await client.SetAsync($"{prefix}/target", "machine-a")).Right();

        var wrongValue = (await client.SetAsync($"{prefix}/target", "machine-b", new EtcdSetOptions { PrevValue = "machine-z" })).Left();
        var wrongIndex = (await client.SetAsync($"{prefix}/target", "machine-b", new EtcdSetOptions { PrevIndex = set.Node.ModifiedIndex + 1000 })).Left();
        var swapped = (await client.SetAsync($"{prefix}/target", "machine b", new EtcdSetOptions { PrevValue = "machine-a", PrevIndex = set.Node.ModifiedIndex })).Right();

        Assert.Equal(EtcdErrorCodes.CompareFailed, wrongValue.EtcdCode);
        Assert.Equal(412, wrongValue.Code);
        Assert.Equal(EtcdErrorCodes.CompareFailed, wrongIndex.EtcdCode);
        Assert.Equal("compareAndSwap", swapped.Action);
        Assert.Equal("machine b", (await client.GetAsync($"{prefix}/target")).Right().Node.Value);
    }

    [Fact]
    public async Task A_delete_whose_prevValue_or_prevIndex_does_not_hold_is_etcd_error_101_and_one_that_holds_deletes()
    {
        var set = (await client.SetAsync($"{prefix}/target", "machine-a")).Right();

        var wrongValue = (await client.DeleteAsync($"{prefix}/target", new EtcdDeleteOptions { PrevValue = "machine-z" })).Left();
        var wrongIndex = (await client.DeleteAsync($"{prefix}/target", new EtcdDeleteOptions { PrevIndex = set.Node.ModifiedIndex + 1000 })).Left();
        var deleted = (await client.DeleteAsync($"{prefix}/target", new EtcdDeleteOptions { PrevValue = "machine-a" })).Right();

        Assert.Equal(EtcdErrorCodes.CompareFailed, wrongValue.EtcdCode);
        Assert.Equal(EtcdErrorCodes.CompareFailed, wrongIndex.EtcdCode);
        Assert.Equal("compareAndDelete", deleted.Action);
        Assert.Equal("machine-a", deleted.PrevNode?.Value);
        Assert.Equal(EtcdErrorCodes.KeyNotFound, (await client.GetAsync($"{prefix}/target")).Left().EtcdCode);
    }

    [Fact]
    public async Task A_ttl_shows_on_the_node_with_its_expiration()
    {
        var before = DateTimeOffset.UtcNow;
        var set = (await client.SetAsync($"{prefix}/machines/m1/object", "{}", new EtcdSetOptions { Ttl = TimeSpan.FromSeconds(30) })).Right();
        var read = (await client.GetAsync($"{prefix}/machines/m1/object")).Right();

        Assert.Equal(30, set.Node.Ttl);
        Assert.InRange(read.Node.Ttl!.Value, 1, 30);
        Assert.InRange(read.Node.Expiration!.Value, before.AddSeconds(25), before.AddSeconds(35));
    }

    [Fact]
    public async Task A_recursive_delete_removes_a_directory_and_a_plain_one_refuses_it()
    {
        (await client.SetAsync($"{prefix}/job/hello.service/object", "o")).Right();
        (await client.SetAsync($"{prefix}/job/hello.service/target-state", "inactive")).Right();

        var plain = (await client.DeleteAsync($"{prefix}/job/hello.service")).Left();
        var recursive = (await client.DeleteAsync($"{prefix}/job/hello.service", new EtcdDeleteOptions { Recursive = true })).Right();

        Assert.Equal(EtcdErrorCodes.NotFile, plain.EtcdCode);
        Assert.Equal("delete", recursive.Action);
        Assert.True(recursive.PrevNode?.Dir);
        Assert.Equal(EtcdErrorCodes.KeyNotFound, (await client.GetAsync($"{prefix}/job/hello.service")).Left().EtcdCode);
        // etcd keeps the parent directory, empty: a dir delete removes it.
        Assert.Empty((await client.GetAsync($"{prefix}/job")).Right().Node.Nodes);
        Assert.Equal("delete", (await client.DeleteAsync($"{prefix}/job", new EtcdDeleteOptions { Dir = true })).Right().Action);
    }

    [Theory]
    [InlineData("web@.service")]
    [InlineData("a b+c&d=e?f#g%h")]
    [InlineData("snow☃man")]
    [InlineData("semi;colon,comma:colon$dollar~tilde")]
    public async Task Keys_with_characters_that_need_escaping_reach_etcd_as_they_are(string name)
    {
        var key = $"{prefix}/{name}";
        var set = (await client.SetAsync(key, "v a+l=u&e%")).Right();
        var read = (await client.GetAsync(key)).Right();
        var listed = (await client.GetAsync(prefix)).Right();

        Assert.Equal(key, set.Node.Key);
        Assert.Equal("v a+l=u&e%", read.Node.Value);
        Assert.Equal(key, Assert.Single(listed.Node.Nodes).Key);
    }

    [Fact]
    public async Task A_quorum_read_answers_as_a_plain_one()
    {
        (await client.SetAsync($"{prefix}/unit/x", "raw")).Right();

        var read = (await client.GetAsync($"{prefix}/unit", new EtcdGetOptions { Recursive = true, Quorum = true })).Right();

        Assert.Equal("raw", Assert.Single(read.Node.Nodes).Value);
    }

    [Fact]
    public async Task Options_etcd_would_refuse_are_refused_before_anything_is_sent()
    {
        var empty = (await client.SetAsync($"{prefix}/x", "v", new EtcdSetOptions { PrevValue = "" })).Left();
        var index = (await client.DeleteAsync($"{prefix}/x", new EtcdDeleteOptions { PrevIndex = 0 })).Left();
        var ttl = (await client.SetAsync($"{prefix}/x", "v", new EtcdSetOptions { Ttl = TimeSpan.FromMilliseconds(500) })).Left();

        Assert.Equal((ErrorKind.Validation, "options.PrevValue"), (empty.Kind, empty.Parameter));
        Assert.Equal((ErrorKind.Validation, "options.PrevIndex"), (index.Kind, index.Parameter));
        Assert.Equal((ErrorKind.Validation, "options.Ttl"), (ttl.Kind, ttl.Parameter));
        Assert.Equal(EtcdErrorCodes.KeyNotFound, (await client.GetAsync($"{prefix}/x")).Left().EtcdCode);
    }
}
