using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// DanVan as README "Deployment" sets it up, on this machine: the published build running as two processes in
/// Production on one PostgreSQL database, Debian's nginx in front ending TLS with deploy/nginx/danvan.conf (a certificate
/// made here), reminders on, e-mail to a real SMTP server. Everything listens on 127.0.0.1 and stops with the fixture.
/// </summary>
public sealed class ProxiedDeployment : IAsyncLifetime
{
    public const string Host = "danvan.test";

    public const string Password = DanVanWebFactory.Password;

    /// <summary>The browser's own address (any 127.x reaches loopback), so the audit trail can tell it from nginx's 127.0.0.1.</summary>
    public static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");

    private readonly List<ChildProcess> _processes = [];
    private string _dir = "";
    private string _thumbprint = "";

    public TestDatabase Database { get; private set; } = null!;

    public SmtpTestServer Smtp { get; private set; } = null!;

    /// <summary>"127.0.0.1:port" of each app instance, as nginx names them.</summary>
    public IReadOnlyList<string> Instances { get; private set; } = [];

    public int HttpsPort { get; private set; }

    public int HttpPort { get; private set; }

    /// <summary>Which instance answered the last request through nginx (the test configuration adds the header).</summary>
    public string? LastUpstream { get; private set; }

    /// <summary>Names this run's units and accounts apart from other tests' in the same server.</summary>
    public string Tag { get; } = Guid.NewGuid().ToString("N")[..6];

    /// <summary>The account that imports a Word file (its commune is outside the plan, so its report is ad hoc).</summary>
    public string Staff => $"canbo.{Tag}";

    public async Task InitializeAsync()
    {
        if (TestDatabase.CurrentProvider != DatabaseProvider.Postgres)
        {
            return;
        }

        _dir = Directory.CreateTempSubdirectory("danvan-deploy").FullName;
        try
        {
            var published = Task.Run(PublishAsync);
            Database = await TestDatabase.CreateAsync();
            await ArrangeAsync();
            Smtp = SmtpTestServer.Start();
            var app = await published;
            var ports = new[] { SmtpTestServer.FreePort(), SmtpTestServer.FreePort() };
            Instances = ports.Select(p => $"127.0.0.1:{p}").ToList();
            await Task.WhenAll(ports.Select((port, i) => StartInstanceAsync(app, i == 0 ? "A" : "B", port)));
            await StartNginxAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        if (_dir.Length > 0)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>A browser of its own (its own cookies) talking to nginx over TLS from <see cref="ClientAddress"/>.</summary>
    public Browserless NewBrowser(string? spoofedForwardedFor = null)
    {
        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            // danvan.test is not in DNS: every connection goes to nginx on 127.0.0.1, from the client's own address.
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(ClientAddress, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            // The certificate made for this run, and only it; its name must still match.
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is not null && certificate.GetCertHashString() == _thumbprint && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None,
            },
        };
        var client = new HttpClient(new UpstreamRecorder(this, spoofedForwardedFor, sockets)) { BaseAddress = new Uri($"https://{Host}:{HttpsPort}") };
        return new Browserless(client);
    }

    /// <summary>
    /// Makes nginx's round robin send the next request to <paramref name="instance"/>: with one nginx process and both
    /// instances up it alternates, so when the last answer came from that instance one health check goes to the other first.
    /// </summary>
    public async Task NextGoesToAsync(Browserless browser, string instance)
    {
        if (LastUpstream == instance)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/health")).StatusCode);
            Assert.NotEqual(instance, LastUpstream);
        }
    }

    public string Other(string instance) => Instances.Single(i => i != instance);

    /// <summary>`dotnet publish` of the build under test, as README "Deployment" publishes it (without building again).</summary>
    private async Task<string> PublishAsync()
    {
        var configuration = typeof(ProxiedDeployment).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var output = Path.Combine(_dir, "app");
        using var publish = ChildProcess.Start(
            "dotnet publish",
            "dotnet",
            ["publish", Path.Combine(RepositoryRoot(), "src", "DanVan.Web", "DanVan.Web.csproj"), "--no-build", "-c", configuration, "-o", output, "-nologo"],
            _dir);
        if (!await publish.WaitForExitAsync(TimeSpan.FromSeconds(60)) || publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{publish.Output}");
        }

        return Path.Combine(output, "DanVan.Web.dll");
    }

    /// <summary>Units, accounts with e-mail addresses, and a monthly plan whose reminders are due whatever today is.</summary>
    private async Task ArrangeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Database.Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDanVanCore(configuration);
        services.AddDataProtection();
        services.AddIdentityCore<AppUser>(DanVanServices.ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DanVanDbContext>()
            .AddDefaultTokenProviders();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var tag = Tag;
        var setup = DanVanWebFactory.SystemAdmin(0);
        var units = sp.GetRequiredService<OrgUnitService>();
        Task<int> UnitAsync(string code, string name, UnitKind kind, int? parent = null, int? consolidatesFor = null) => units.CreateAsync(
            new CreateUnit { Code = code, Name = name, Kind = kind, PlaceName = name.Split(' ').Last(), ParentId = parent, ConsolidatesForId = consolidatesFor, ValidFrom = new DateOnly(2020, 1, 1) },
            setup);
        var province = await UnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await UnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await UnitAsync($"X1-{tag}", "Ủy ban nhân dân xã Trà Tân", UnitKind.Commune, province);
        var late = await UnitAsync($"X2-{tag}", "Ủy ban nhân dân xã Trà Bùi", UnitKind.Commune, province);
        var later = await UnitAsync($"X3-{tag}", "Ủy ban nhân dân xã Trà Sơn", UnitKind.Commune, province);

        var accounts = sp.GetRequiredService<UserAdminService>();
        async Task UserAsync(string name, int unit, string role, string? email) => await DanVanWebFactory.ChosenOwnPasswordAsync(
            sp, await accounts.CreateAsync(new CreateUser { UserName = name, FullName = name, UnitId = unit, Role = role, Password = Password, Email = email }, DanVanWebFactory.SystemAdmin(unit)));
        await UserAsync($"canbo.{tag}", commune, Roles.Staff, null);
        await UserAsync($"snv.{tag}", snv, Roles.Consolidator, null);
        await UserAsync($"canbo.b{tag}", late, Roles.Staff, $"canbo.b{tag}@xa.gov.vn");
        await UserAsync($"lanhdao.b{tag}", late, Roles.Leader, $"lanhdao.b{tag}@xa.gov.vn");
        await UserAsync($"canbo.c{tag}", later, Roles.Staff, $"canbo.c{tag}@xa.gov.vn");

        // Reports by day 20 of each month, reminded 30 days before, never locked: some month is always due or overdue.
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var owner = (await users.FindByNameAsync($"snv.{tag}"))!;
        var today = Core.VietnamTime.Today(TimeProvider.System);
        var first = ReportingPeriod.Month(today.AddMonths(-3).Year, today.AddMonths(-3).Month);
        await sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(today, UnitKind.Province) with
            {
                Number = "42/KH-UBND",
                Summary = "Báo cáo công tác dân vận chính quyền hằng tháng",
                PeriodType = PeriodType.Month,
                FirstPeriod = first.ToString(),
                Audience = AudienceKind.List,
                UnitIds = [late, later],
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
                OwnerDeadlineKind = DeadlineKind.DayOfMonth,
                OwnerDeadlineValue = 25,
                LockAfterDays = null,
                RemindDaysBefore = 30,
            },
            new Actor(owner.Id, owner.UserName!, owner.FullName, snv, new HashSet<string> { Roles.Consolidator }));
    }

    private async Task StartInstanceAsync(string dll, string name, int port)
    {
        // Each instance has its own working and temporary folders, as on its own machine: only the database is shared.
        var home = Directory.CreateDirectory(Path.Combine(_dir, "instance-" + name)).FullName;
        var tmp = Directory.CreateDirectory(Path.Combine(home, "tmp")).FullName;
        var instance = ChildProcess.Start(
            "instance " + name,
            "dotnet",
            [dll],
            home,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["TMPDIR"] = tmp,
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__DanVan"] = Database.ConnectionString,
                ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
                ["Reminders__Enabled"] = "true",
                ["Smtp__Host"] = "127.0.0.1",
                ["Smtp__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Smtp__From"] = "DanVan <danvan@snv.test>",
                ["Smtp__UseTls"] = "false",
                ["Smtp__OutboxSeconds"] = "1",
            });
        _processes.Add(instance);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (instance.HasExited)
            {
                throw new InvalidOperationException($"DanVan {instance.Name} exited with {instance.ExitCode}:\n{instance.Output}");
            }

            try
            {
                if ((await probe.GetAsync($"http://127.0.0.1:{port}/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"DanVan {instance.Name} did not answer /health within a minute:\n{instance.Output}");
    }

    private async Task StartNginxAsync()
    {
        const string nginx = "/usr/sbin/nginx";
        if (!File.Exists(nginx))
        {
            throw new InvalidOperationException("nginx is not installed: apt-get install nginx-light (./test.sh installs it).");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Host);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        _thumbprint = certificate.GetCertHashString();
        var certificatePath = Path.Combine(_dir, "fullchain.pem");
        var keyPath = Path.Combine(_dir, "privkey.pem");
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());

        HttpsPort = SmtpTestServer.FreePort();
        HttpPort = SmtpTestServer.FreePort();
        var template = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "deploy", "nginx", "danvan.conf"));
        var site = Render(template, new Dictionary<string, string>
        {
            ["server 127.0.0.1:5001;"] = $"server {Instances[0]};",
            ["server 127.0.0.1:5002;"] = $"server {Instances[1]};",
            ["listen 443 ssl;"] = $"listen 127.0.0.1:{HttpsPort} ssl;",
            ["listen 80;"] = $"listen 127.0.0.1:{HttpPort};",
            ["danvan.example.gov.vn"] = Host,
            ["/etc/ssl/danvan/fullchain.pem"] = certificatePath,
            ["/etc/ssl/danvan/privkey.pem"] = keyPath,
        });
        await File.WriteAllTextAsync(Path.Combine(_dir, "danvan.conf"), site);
        // What /etc/nginx/nginx.conf provides around a site, in this folder; one process (no master), so its round robin
        // strictly alternates; and which instance answered, for the test only.
        await File.WriteAllTextAsync(Path.Combine(_dir, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/nginx-error.log warn;
            events { worker_connections 64; }
            http {
                access_log {{_dir}}/nginx-access.log;
                client_body_temp_path {{_dir}}/client_body;
                proxy_temp_path {{_dir}}/proxy;
                fastcgi_temp_path {{_dir}}/fastcgi;
                uwsgi_temp_path {{_dir}}/uwsgi;
                scgi_temp_path {{_dir}}/scgi;
                add_header X-Test-Upstream $upstream_addr always;
                include {{_dir}}/danvan.conf;
            }
            """);
        var process = ChildProcess.Start("nginx", nginx, ["-p", _dir + "/", "-c", Path.Combine(_dir, "nginx.conf")], _dir);
        _processes.Add(process);
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}:\n{process.Output}\n{ReadIfExists(Path.Combine(_dir, "nginx-error.log"))}");
            }

            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, HttpsPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"nginx did not listen on {HttpsPort}:\n{process.Output}");
    }

    /// <summary>The template with each line the test changes replaced; a template that no longer has one fails loudly.</summary>
    private static string Render(string template, Dictionary<string, string> replacements)
    {
        foreach (var (from, to) in replacements)
        {
            if (!template.Contains(from, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"deploy/nginx/danvan.conf no longer contains \"{from}\": update the deployment test with it.");
            }

            template = template.Replace(from, to, StringComparison.Ordinal);
        }

        return template;
    }

    private static string ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    /// <summary>The repository's root folder (above tests/fixtures).</summary>
    internal static string RepositoryRoot() => Path.GetFullPath(Path.Combine(Fixtures.Root(), "..", ".."));

    /// <summary>Notes which instance nginx sent each request to; optionally forges an X-Forwarded-For as an attacker would.</summary>
    private sealed class UpstreamRecorder(ProxiedDeployment deployment, string? spoofedForwardedFor, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (spoofedForwardedFor is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", spoofedForwardedFor);
            }

            var response = await base.SendAsync(request, cancellationToken);
            deployment.LastUpstream = response.Headers.TryGetValues("X-Test-Upstream", out var values) ? values.Single() : null;
            return response;
        }
    }
}
