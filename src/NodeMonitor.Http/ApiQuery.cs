using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace NodeMonitor.Http;

/// <summary>
/// The query parameters of one /api/v1 request, read strictly: an unknown parameter, one given twice, a number that is
/// not a whole number in range, or a time that is neither ISO 8601 nor Unix seconds within years 1 to 9999 is an
/// <see cref="BadParameterException"/> naming the parameter, answered 400 with a JSON error (never a 500 or an empty body).
/// </summary>
internal sealed class ApiQuery
{
    /// <summary>Accepted on every request: the browser's way to send the bearer token.</summary>
    private const string TokenParameter = "token";

    private static readonly long MinUnixSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private readonly IQueryCollection _query;

    public ApiQuery(IQueryCollection query, params string[] known)
    {
        _query = query;
        foreach (var key in query.Keys)
        {
            if (key != TokenParameter && !known.Contains(key, StringComparer.Ordinal))
                throw new BadParameterException(key, $"unknown parameter; this endpoint takes {(known.Length == 0 ? "none" : string.Join(", ", known))}");
        }
    }

    public string? Text(string name)
    {
        var values = _query[name];
        if (values.Count > 1) throw new BadParameterException(name, "given more than once");
        return values.Count == 0 ? null : values[0];
    }

    public int? WholeNumber(string name, int minimum, int maximum)
    {
        if (Text(name) is not { } text) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum || value > maximum)
            throw new BadParameterException(name, $"expected a whole number from {minimum} to {maximum}, found \"{text}\"");
        return value;
    }

    /// <summary>ISO 8601 (2026-01-31T12:00:00Z) or Unix seconds, the two forms scripts and Grafana send.</summary>
    public DateTimeOffset? Time(string name)
    {
        if (Text(name) is not { } text) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            if (!(seconds >= MinUnixSeconds && seconds <= MaxUnixSeconds))
                throw new BadParameterException(name, $"Unix seconds out of range (years 1 to 9999), found \"{text}\"");
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time;
        throw new BadParameterException(name, $"expected an ISO 8601 time or Unix seconds, found \"{text}\"");
    }
}

/// <summary>A query parameter the API cannot use; <see cref="Parameter"/> names it.</summary>
internal sealed class BadParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;

    public IResult ToResult() =>
        Results.Json(new ParameterErrorBody($"'{Parameter}': {Message}", Parameter), WebJson.Of<ParameterErrorBody>(), statusCode: StatusCodes.Status400BadRequest);
}
