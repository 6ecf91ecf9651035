namespace NodeMonitor.Checks;

/// <summary>Permission bits as the four octal digits ls and chmod users know: "0644", "4755".</summary>
internal static class FileModeText
{
    public static string Format(int mode) => Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');

    public static string Normalize(string octal)
    {
        if (octal.Length is 0 or > 4 || !octal.All(c => c is >= '0' and <= '7'))
        {
            throw new ArgumentException($"mode \"{octal}\" is not an octal permission such as 0644", nameof(octal));
        }

        return Format(Convert.ToInt32(octal, 8));
    }
}
