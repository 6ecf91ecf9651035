namespace NodeMonitor.Metrics;

/// <summary>What a sample must be for /metrics to stay valid Prometheus text.</summary>
internal static class MetricSampleRules
{
    /// <exception cref="ArgumentException">The sample cannot be stored; the message says why.</exception>
    public static void Check(MetricSample sample)
    {
        if (Problem(sample) is { } problem) throw new ArgumentException(problem);
    }

    /// <summary>Why <paramref name="sample"/> cannot be stored; null when it can.</summary>
    public static string? Problem(MetricSample sample)
    {
        if (!MetricLabels.IsValidName(sample.Name))
            return $"invalid metric name \"{sample.Name}\": use letters, digits, '_' and ':', not starting with a digit";
        foreach (var key in (sample.Labels ?? MetricLabels.None).Keys)
        {
            if (!MetricLabels.IsValidLabelName(key))
                return $"invalid label name \"{key}\" on metric {sample.Name}: use letters, digits and '_', not starting with a digit or \"__\"";
        }
        if (double.IsNaN(sample.Value) || double.IsInfinity(sample.Value))
            return $"metric {sample.Name} has no finite value ({sample.Value})";
        return null;
    }
}
