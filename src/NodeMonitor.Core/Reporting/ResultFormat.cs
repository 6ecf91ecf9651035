namespace NodeMonitor.Core.Reporting;

/// <summary>Result file formats, named on the command line as in nunit3-console (<c>--result=FILE;format=junit</c>).</summary>
public enum ResultFormat
{
    /// <summary>NUnit 3 result XML, what nunit3-console writes (the default).</summary>
    NUnit3,
    /// <summary>JUnit XML, read by most CI systems.</summary>
    JUnit,
    /// <summary>NodeMonitor's own JSON document (<see cref="RunResultJson"/>).</summary>
    Json,
}
