using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using SupportBot.Contracts;

namespace SupportBot.Web.Auth;

public static class ConsoleAuthentication
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";

    /// <summary>
    /// A cookie session per signed-in key: HTTP-only, encrypted and signed by ASP.NET Core data protection, holding the
    /// key's name, its role (a role claim, for the same policies as the API's) and the key. The browser never reads the key.
    /// </summary>
    public static IHostApplicationBuilder AddConsoleAuthentication(this IHostApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("SupportBot.Web");
        // Kept keys let sessions survive a restart of the console; the AppHost points this into its state folder.
        if (builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keys)
        {
            Directory.CreateDirectory(keys);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "supportbot.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(builder.Configuration.GetValue("Console:SessionHours", 8.0));
                options.SlidingExpiration = true;
                options.LoginPath = SignInPath;
                options.AccessDeniedPath = "/denied";
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ConsolePolicies.Agent, p => p.RequireAuthenticatedUser().RequireRole(RolePolicies.Agent))
            .AddPolicy(ConsolePolicies.Manager, p => p.RequireAuthenticatedUser().RequireRole(RolePolicies.Manager));
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }
}
