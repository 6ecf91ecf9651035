namespace NodeMonitor.Core.Reporting.Central;

/// <summary>A central call failed. The message names the service and what went wrong, never a secret.</summary>
public sealed class CentralDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
