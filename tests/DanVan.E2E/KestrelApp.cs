using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using DanVan.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.E2E;

/// <summary>
/// The real app on Kestrel, on a free port of 127.0.0.1 only, so a real browser can reach it
/// (the in-memory TestServer of <see cref="DanVanWebFactory"/> is invisible to Chromium).
/// </summary>
public sealed class KestrelApp : DanVanWebFactory
{
    public KestrelApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the app answers, e.g. http://127.0.0.1:43117 (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        // The database must exist first: ConfigureWebHost reads its connection string.
        await base.InitializeAsync();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList()
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        if (addresses.Count != 1)
        {
            throw new InvalidOperationException($"Expected exactly one bound address, got: {string.Join(", ", addresses)}");
        }

        BaseAddress = new Uri(addresses[0]);
        if (BaseAddress.Scheme != Uri.UriSchemeHttp || !IPAddress.TryParse(BaseAddress.Host, out var host) || !host.Equals(IPAddress.Loopback) || BaseAddress.Port == 0)
        {
            throw new InvalidOperationException($"Kestrel should listen on http://127.0.0.1:<free port>, but listens on {BaseAddress}");
        }
    }

    /// <summary>Addresses of this machine other than 127.0.0.1 on which the app's port must be closed.</summary>
    public static IReadOnlyList<IPAddress> OtherLocalAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Append(IPAddress.IPv6Loopback)
            .Distinct()
            .ToList();

    /// <summary>True when something accepts TCP connections on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsAsync(IPAddress address, int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            // Inside the try: creating an IPv6 socket throws where IPv6 is off, which also means "closed".
            using var client = new TcpClient(address.AddressFamily);
            await client.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
