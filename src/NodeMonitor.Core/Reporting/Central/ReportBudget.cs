namespace NodeMonitor.Core.Reporting.Central;

/// <summary>The time one delivery may take (<see cref="ReportSettings.Budget"/>), handed out as per-call deadlines.</summary>
public sealed class ReportBudget(TimeProvider clock, TimeSpan budget, TimeSpan callDeadline)
{
    private readonly DateTime _end = clock.GetUtcNow().UtcDateTime + budget;

    /// <summary>The deadline of the next call: one call's deadline, cut to what is left of the budget.</summary>
    /// <exception cref="CentralDeliveryException">The budget is spent.</exception>
    public DateTime NextDeadline()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now >= _end) throw new CentralDeliveryException($"the reporting budget of {budget.TotalSeconds:0.#} s is spent; the rest stays spooled");
        var call = now + callDeadline;
        return call < _end ? call : _end;
    }
}
