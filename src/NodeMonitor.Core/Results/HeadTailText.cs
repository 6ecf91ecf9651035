using System.Text;
namespace NodeMonitor.Core.Results;

/// <summary>
/// Collects text of any length in bounded memory, keeping the head and the tail. The result reads
/// exactly like <see cref="OutputLimits.Cap"/> applied to the whole text. Used wherever output of unknown length is
/// collected: the worker's console capture, Nagios commands, and NUnit result files read by ingest.
/// </summary>
public sealed class HeadTailText(int maxChars)
{
    private readonly int _half = maxChars / 2;
    private readonly StringBuilder _head = new();
    private char[]? _tail; // allocated once the head is full: most texts never need it
    private long _total;
    private int _tailStart;
    private int _tailCount;

    public long TotalChars => _total;

    public void Append(ReadOnlySpan<char> text)
    {
        _total += text.Length;
        int toHead = Math.Min(text.Length, _half - _head.Length);
        if (toHead > 0)
        {
            _head.Append(text[..toHead]);
            text = text[toHead..];
        }
        if (text.IsEmpty || _half == 0) return;
        _tail ??= new char[_half];
        foreach (char c in text)
        {
            if (_tailCount < _half) { _tail[(_tailStart + _tailCount++) % _half] = c; continue; }
            _tail[_tailStart] = c;
            _tailStart = (_tailStart + 1) % _half;
        }
    }

    public void Append(string? text) => Append(text.AsSpan());

    public override string ToString()
    {
        var tail = new StringBuilder(_tailCount);
        for (int i = 0; i < _tailCount; i++) tail.Append(_tail![(_tailStart + i) % _half]);
        long elided = _total - _head.Length - _tailCount;
        if (elided == 0) return _head.Append(tail).ToString();
        return $"{_head}\n... [{elided} characters elided by NodeMonitor] ...\n{tail}";
    }
}
