using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NodeMonitor.Swift;

/// <summary>Swift TempURL links signed with HMAC-SHA256 (sha1 is deprecated in Swift's /info).</summary>
public static class TempUrl
{
    /// <summary>A GET link to <paramref name="objectUrl"/> valid until <paramref name="expires"/>.</summary>
    /// <param name="objectUrl">The percent-encoded object URL, e.g. <c>http://h:8080/v1/AUTH_test/c/a%20b</c>.</param>
    /// <remarks>Swift signs the decoded path: signing the encoded one gives 401 for any escaped character.</remarks>
    public static string Sign(string objectUrl, string key, DateTimeOffset expires)
    {
        var uri = new Uri(objectUrl);
        long unix = expires.ToUnixTimeSeconds();
        string path = Uri.UnescapeDataString(uri.AbsolutePath);
        string body = $"GET\n{unix.ToString(CultureInfo.InvariantCulture)}\n{path}";
        string signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body)));
        return $"{objectUrl}?temp_url_sig={signature}&temp_url_expires={unix.ToString(CultureInfo.InvariantCulture)}&inline";
    }
}
