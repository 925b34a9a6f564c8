using System.Text.Json;
using Fleet.Core;
using Fleet.Facade;
using Fleet.Reliability.Tests.Wire;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;

namespace Fleet.Reliability.Tests.Security;

/// <summary>
/// Unit names, machine ids and filter values holding CR, LF, spaces, '/', '?', '#', '%', non-ASCII
/// or lone surrogates, through every operation that takes them, functional and facade: each is
/// refused before a byte is sent, or sent escaped so that it reads back exactly, in one request
/// line of three words, with no header but the client's own. The raw server sees the bytes.
/// </summary>
public sealed class EscapingTests(EscapingFixture fixture) : IClassFixture<EscapingFixture>
{
    private static readonly UnitOption[] Options = [new("Service", "ExecStart", "/bin/true")];

    private RawServer Server => fixture.Server;

    private async Task<IReadOnlyList<RawRequest>> SentByAsync(Func<Task> call)
    {
        var before = Server.Requests.Count;
        await Poll.EndsAsync(call(), "the call");
        return Server.Requests.Skip(before).ToList();
    }

    // Each property below also passes when every generated text is refused before sending, so
    // the generator must give texts that are sent often enough; on a fixed sample (fixed seed),
    // so the outcome does not vary by run. It gives about 17% valid names, 82% well-formed pairs
    // and 7% valid edits (about 10 of the 150 cases a run of that property tries).
    [Fact]
    public void Enough_generated_texts_are_sent_rather_than_refused()
    {
        var texts = HostileTexts.Texts().Generator.Sample(numberOfSamples: 900, seed: new Rnd(20260101UL), size: 50);
        var triples = texts.Chunk(3).Where(t => t.Length == 3).ToList();

        AtLeast(0.1, texts.Count(t => UnitNames.IsValid(t.Value)), texts.Length, "valid unit names");
        AtLeast(0.5, triples.Count(t => t[0].IsWellFormed && t[1].IsWellFormed), triples.Count, "well-formed filter pairs");
        AtLeast(0.04, triples.Count(t => MetadataEdit.Add(t[0].Value, t[1].Value, t[2].Value).Validate().IsRight), triples.Count, "valid metadata edits");

        static void AtLeast(double share, int count, int of, string what) =>
            Assert.True(count >= share * of, $"only {count} of {of} generated cases were {what}");
    }

    [Property(Arbitrary = [typeof(HostileTexts)], MaxTest = 150)]
    public async Task A_unit_name_is_sent_escaped_or_refused_before_sending(HostileText name)
    {
        var valid = UnitNames.IsValid(name.Value);
        (string Method, Func<Task<Either<APIError, Unit>>> Functional, Func<Task> Facade)[] operations =
        [
            ("GET", async () => (await fixture.Client.GetUnitAsync(name.Value)).Map(_ => Unit.Default), () => fixture.Facade.GetUnitAsync(name.Value)),
            ("GET", async () => (await fixture.Client.GetUnitStateAsync(name.Value)).Map(_ => Unit.Default), () => fixture.Facade.GetUnitStateAsync(name.Value)),
            ("PUT", () => fixture.Client.CreateUnitAsync(name.Value, Options, DesiredState.Launched), () => fixture.Facade.CreateUnitAsync(name.Value, Options, DesiredState.Launched)),
            ("PUT", () => fixture.Client.SetDesiredStateAsync(name.Value, DesiredState.Loaded), () => fixture.Facade.SetDesiredStateAsync(name.Value, DesiredState.Loaded)),
            ("DELETE", () => fixture.Client.DestroyUnitAsync(name.Value), () => fixture.Facade.DestroyUnitAsync(name.Value)),
        ];
        foreach (var (method, functional, facade) in operations)
        {
            Either<APIError, Unit> result = default;
            var sent = await SentByAsync(async () => result = await functional());
            Exception? thrown = null;
            var sentByFacade = await SentByAsync(async () => thrown = await Record.ExceptionAsync(facade));

            if (!valid)
            {
                Assert.Empty(sent);
                Assert.Empty(sentByFacade);
                Assert.Equal(ErrorKind.Validation, result.Left().Kind);
                Assert.IsType<FleetArgumentException>(thrown);
                continue;
            }
            foreach (var request in sent.Concat(sentByFacade))
            {
                var (path, query) = WireRequests.Clean(request, method);
                Assert.Null(query);
                Assert.Equal(name.Value, WireRequests.LastSegment(path));
            }
            Assert.Single(sent);
            Assert.Single(sentByFacade);
            Assert.IsNotType<FleetArgumentException>(thrown);
        }
    }

    [Property(Arbitrary = [typeof(HostileTexts)], MaxTest = 150)]
    public async Task Filter_values_are_sent_escaped_and_read_back_exactly_or_refused_when_they_have_no_UTF8_form(HostileText machineId, HostileText unitName)
    {
        Either<APIError, IReadOnlyList<UnitState>> result = default;
        var sent = await SentByAsync(async () => result = await fixture.Client.ListUnitStatesAsync(machineId.Value, unitName.Value));
        Exception? thrown = null;
        var sentByFacade = await SentByAsync(async () => thrown = await Record.ExceptionAsync(() => fixture.Facade.ListUnitStatesAsync(machineId.Value, unitName.Value)));

        if (!machineId.IsWellFormed || !unitName.IsWellFormed)
        {
            Assert.Empty(sent);
            Assert.Empty(sentByFacade);
            Assert.Equal(ErrorKind.Validation, result.Left().Kind);
            Assert.IsType<FleetArgumentException>(thrown);
            return;
        }
        Assert.Empty(result.Right());
        Assert.Null(thrown);

        foreach (var request in new[] { Assert.Single(sent), Assert.Single(sentByFacade) })
        {
            var (path, query) = WireRequests.Clean(request, "GET");
            Assert.Equal("/fleet/v1/state", path);
            Assert.Equal(new Dictionary<string, string> { ["machineID"] = machineId.Value, ["unitName"] = unitName.Value }, WireRequests.Values(query));
        }
    }

    [Property(Arbitrary = [typeof(HostileTexts)], MaxTest = 150)]
    public async Task A_machine_id_key_and_value_in_a_metadata_edit_are_refused_or_sent_inside_escaped_JSON(HostileText machineId, HostileText key, HostileText value)
    {
        var edit = MetadataEdit.Add(machineId.Value, key.Value, value.Value);
        // Text without a UTF-8 form is never sent, whatever fleet's own rules say of it.
        if (!machineId.IsWellFormed || !value.IsWellFormed) Assert.True(edit.Validate().IsLeft);
        Either<APIError, Unit> result = default;
        var sent = await SentByAsync(async () => result = await fixture.Client.EditMachineMetadataAsync([edit]));
        Exception? thrown = null;
        var sentByFacade = await SentByAsync(async () => thrown = await Record.ExceptionAsync(() => fixture.Facade.EditMachineMetadataAsync([edit])));

        if (edit.Validate().IsLeft)
        {
            Assert.Empty(sent);
            Assert.Empty(sentByFacade);
            Assert.Equal(ErrorKind.Validation, result.Left().Kind);
            Assert.IsType<FleetArgumentException>(thrown);
            return;
        }
        foreach (var request in new[] { Assert.Single(sent), Assert.Single(sentByFacade) })
        {
            var (path, _) = WireRequests.Clean(request, "PATCH");
            Assert.Equal("/fleet/v1/machines", path);
            Assert.All(request.Body, b => Assert.InRange(b, (byte)0x20, (byte)0x7E));
            var operation = Assert.Single(JsonDocument.Parse(request.Body).RootElement.EnumerateArray());
            Assert.Equal($"/{machineId.Value}/metadata/{key.Value}", operation.GetProperty("path").GetString());
            Assert.Equal(value.Value, operation.GetProperty("value").GetProperty("value").GetString());
        }
    }
}
