using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Http;

/// <summary>The web host of NodeMonitor's HTTP servers (<c>serve</c>, notify's API): Kestrel on minimal APIs, no logging
/// of its own, listening on <c>localhost</c> (both loopbacks) or one address, as <see cref="ServeSettings.BindAddress(string)"/>
/// reads it.</summary>
public static class SlimWebHost
{
    public static WebApplicationBuilder Create(string applicationName, string address, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = applicationName });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (address == "localhost") kestrel.ListenLocalhost(port);
            else kestrel.Listen(ServeSettings.BindAddress(address), port);
        });
        return builder;
    }
}
