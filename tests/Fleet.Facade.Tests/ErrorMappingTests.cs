using Fleet.Core;

namespace Fleet.Facade.Tests;

/// <summary>The mapping itself, for every kind, including those no test server can provoke on demand.</summary>
public sealed class ErrorMappingTests
{
    public static TheoryData<ErrorKind, Type> Kinds => new()
    {
        { ErrorKind.Http, typeof(FleetApiException) },
        { ErrorKind.Validation, typeof(FleetArgumentException) },
        { ErrorKind.Transport, typeof(FleetConnectionException) },
        { ErrorKind.Ssh, typeof(FleetSshException) },
        { ErrorKind.Timeout, typeof(FleetTimeoutException) },
        { ErrorKind.UnitFile, typeof(UnitFileFormatException) },
        { ErrorKind.Protocol, typeof(FleetProtocolException) },
        { ErrorKind.Decoding, typeof(FleetProtocolException) },
        { ErrorKind.NotFleet, typeof(FleetProtocolException) },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_kind_is_its_exception_carrying_the_error_and_its_message(ErrorKind kind, Type type)
    {
        var error = new APIError(kind, $"what went wrong ({kind})") { Code = 418, Received = "raw", Location = new SourceLocation(2, 3, 9) };

        var exception = error.ToException();

        Assert.IsType(type, exception);
        Assert.Same(error, ((IFleetError)exception).Error);
        Assert.Equal(error.Message, exception.Message);
    }

    [Fact]
    public void Every_kind_is_mapped()
    {
        Assert.Equal(Enum.GetValues<ErrorKind>().Order(), Kinds.Select(row => (ErrorKind)row[0]).Order());
    }

    [Fact]
    public void Fleets_api_exception_shows_code_message_and_raw_response()
    {
        var e = Assert.IsType<FleetApiException>(new APIError(ErrorKind.Http, "no") { Code = 502, Received = "<html>" }.ToException());

        Assert.Equal((502, "no", "<html>"), (e.Code, e.FleetMessage, e.RawResponse));
    }
}
