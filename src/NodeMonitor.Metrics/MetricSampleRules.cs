namespace NodeMonitor.Metrics;

/// <summary>What a sample must be for /metrics to stay valid Prometheus text.</summary>
internal static class MetricSampleRules
{
    public static void Check(MetricSample sample)
    {
        if (!MetricLabels.IsValidName(sample.Name))
            throw new ArgumentException($"invalid metric name \"{sample.Name}\": use letters, digits, '_' and ':', not starting with a digit");
        foreach (var key in (sample.Labels ?? MetricLabels.None).Keys)
        {
            if (!MetricLabels.IsValidLabelName(key))
                throw new ArgumentException($"invalid label name \"{key}\" on metric {sample.Name}: use letters, digits and '_', not starting with a digit or \"__\"");
        }
        if (double.IsNaN(sample.Value) || double.IsInfinity(sample.Value))
            throw new ArgumentException($"metric {sample.Name} has no finite value ({sample.Value})");
    }
}
