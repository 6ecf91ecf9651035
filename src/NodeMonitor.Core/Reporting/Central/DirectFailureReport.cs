namespace NodeMonitor.Core.Reporting.Central;

/// <summary>
/// A failure report sent without the spool, for a run the local store could not keep (disk full, unwritable): the spool
/// lives in the same file, so the only way the centre hears of the failure is one attempt now, bundle then record.
/// </summary>
public sealed class DirectFailureReport(IFailureBundleStore? bundles, IFailureRecordStore? records, ReportSettings settings,
    TimeSpan callDeadline, TimeProvider? clock = null)
{
    /// <exception cref="CentralDeliveryException">A call failed or the budget was spent.</exception>
    public async Task DeliverAsync(FailureState state, FailureBundle bundle, CancellationToken ct)
    {
        var budget = new ReportBudget(clock ?? TimeProvider.System, settings.Budget, callDeadline);
        BundleLink? link = bundles is null ? null : await bundles.UploadAsync(bundle, budget.NextDeadline(), ct);
        if (records is not null)
            await records.PutIfDifferentAsync(state.Node, FailureRecord.From(state, link).ToJson(), budget.NextDeadline(), ct);
    }
}
