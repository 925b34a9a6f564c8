using System.Reflection;

namespace Fleet.Facade.Tests;

/// <summary>
/// The facade follows the functional layer: an operation added to FleetClient fails this test
/// until FleetApiClient has a method of the same name.
/// </summary>
public sealed class ParityTests
{
    private const BindingFlags Public = BindingFlags.Public | BindingFlags.DeclaredOnly;

    // Operations the facade does not follow yet, each with the work that brings it: the client
    // over fleet's registry in etcd (issue 21) has its functional entry point and no facade one.
    private static readonly HashSet<(bool IsStatic, string Name)> Pending = [];

    [Fact]
    public void Every_public_operation_of_the_functional_client_has_a_facade_method_of_the_same_name()
    {
        var missing = Operations(typeof(FleetClient))
            .Where(op => !Operations(typeof(FleetApiClient)).Contains(op) && !Pending.Contains(op))
            .Select(op => $"{(op.IsStatic ? "static " : "")}{op.Name}")
            .ToList();

        Assert.True(missing.Count == 0, $"FleetApiClient lacks: {string.Join(", ", missing)}");
        // A pending operation that the facade has gained leaves the list.
        Assert.DoesNotContain(Operations(typeof(FleetApiClient)), Pending.Contains);
        Assert.Contains((false, nameof(FleetClient.CreateUnitAsync)), Operations(typeof(FleetClient)));
        Assert.Contains((true, nameof(FleetClient.ConnectAsync)), Operations(typeof(FleetClient)));
    }

    [Fact]
    public void The_facade_never_hands_out_an_either()
    {
        var leaking = typeof(FleetApiClient).GetMethods(Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => Mentions(m.ReturnType, typeof(LanguageExt.Either<,>)))
            .Select(m => m.Name)
            .ToList();

        Assert.Empty(leaking);
    }

    [Fact]
    public void Every_async_operation_of_the_facade_takes_a_cancellation_token()
    {
        var without = typeof(FleetApiClient).GetMethods(Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(FleetApiClient.DisposeAsync) or nameof(FleetApiClient.Dispose)))
            .Where(m => !m.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken)))
            .Select(m => m.Name)
            .ToList();

        Assert.Empty(without);
    }

    private static HashSet<(bool IsStatic, string Name)> Operations(Type type) =>
        [.. type.GetMethods(Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => !m.IsSpecialName)
            .Select(m => (m.IsStatic, m.Name))];

    private static bool Mentions(Type type, Type generic) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == generic) || type.GetGenericArguments().Any(t => Mentions(t, generic));
}
