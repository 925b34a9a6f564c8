using Fleet.Tests.Shared.Etcd;
using Fleet.Core;
using Fleet.Transport.Etcd;
using Fleet.Transport.Registry;
using Fleet.Transport.Tests.Etcd;

namespace Fleet.Transport.Tests.Registry;

/// <summary>
/// An etcd member that fails (5xx, garbage, a dropped connection) gives a clear error, and a
/// write that fails stops there: nothing after it is written, as fleet writes nothing after it.
/// </summary>
public sealed class RegistryFailureTests
{
    private static readonly byte[] NotFound = EtcdAnswerBytes.Json(404, "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/_coreos.com/fleet/job/hello.service\",\"index\":7}");
    private static readonly byte[] Machines = EtcdAnswerBytes.Json(200, "{\"action\":\"get\",\"node\":{\"key\":\"/_coreos.com/fleet/machines\",\"dir\":true,\"modifiedIndex\":7,\"createdIndex\":7}}");

    [Fact]
    public async Task A_create_whose_job_object_fails_writes_no_target_state()
    {
        await using var server = new ScriptedServer(
        [
            Machines,
            NotFound,
            EtcdAnswerBytes.Node("/_coreos.com/fleet/unit/e55c0aeb44ba0b68004ceb8a200e685194448b45", "x", 201, "create"),
            EtcdAnswerBytes.Answer(500, "text/plain", "the disk is on fire"),
        ]);
        await using var client = (await FleetClient.ConnectToRegistryAsync([EtcdAnswerBytes.Url(server)])).Right();

        var error = (await client.CreateUnitAsync("hello.service", ReferenceStep.Unit("hello.service"), DesiredState.Launched)).Left();

        Assert.Equal(4, server.Requests.Count);
        Assert.StartsWith("PUT /v2/keys/_coreos.com/fleet/job/hello.service/object ", server.Requests[3]);
        Assert.DoesNotContain(server.Requests, r => r.Contains("target-state", StringComparison.Ordinal));
        Assert.NotEqual(ErrorKind.Validation, error.Kind);
        Assert.Contains("500", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_that_answers_garbage_to_a_list_is_a_clear_error_not_an_empty_list()
    {
        await using var server = new ScriptedServer(
        [
            Machines,
            EtcdAnswerBytes.Answer(200, "application/json", "{\"action\":\"get\",\"node\":[1,2"),
        ]);
        await using var client = (await FleetClient.ConnectToRegistryAsync([EtcdAnswerBytes.Url(server)])).Right();

        var error = (await client.ListUnitsAsync()).Left();

        Assert.Equal(ErrorKind.Decoding, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task A_value_that_is_not_fleets_json_is_named_in_the_error()
    {
        await using var server = new ScriptedServer(
        [
            Machines,
            EtcdAnswerBytes.Json(200, "{\"action\":\"get\",\"node\":{\"key\":\"/_coreos.com/fleet/machines\",\"dir\":true,\"nodes\":[{\"key\":\"/_coreos.com/fleet/machines/abc\",\"dir\":true,\"nodes\":[{\"key\":\"/_coreos.com/fleet/machines/abc/object\",\"value\":\"not json\"}]}]}}"),
        ]);
        await using var client = (await FleetClient.ConnectToRegistryAsync([EtcdAnswerBytes.Url(server)])).Right();

        var error = (await client.ListMachinesAsync()).Left();

        Assert.Equal(ErrorKind.Decoding, error.Kind);
        Assert.StartsWith("the registry's /_coreos.com/fleet/machines/abc/object is not what fleet writes there: ", error.Message);
    }

    [Fact]
    public async Task An_etcd_that_cannot_be_reached_fails_the_connection_and_an_endpoint_that_is_not_a_url_is_refused()
    {
        var unreachable = (await FleetClient.ConnectToRegistryAsync([EtcdAnswerBytes.DeadUrl()], new FleetRegistryOptions { Etcd = new EtcdClientOptions { RequestTimeout = TimeSpan.FromSeconds(2) } })).Left();
        var notUrl = (await FleetClient.ConnectToRegistryAsync(["127.0.0.1:2379"])).Left();

        Assert.Equal(ErrorKind.Transport, unreachable.Kind);
        Assert.Equal(ErrorKind.Validation, notUrl.Kind);
        Assert.Equal("etcdEndpoints", notUrl.Parameter);
    }
}
