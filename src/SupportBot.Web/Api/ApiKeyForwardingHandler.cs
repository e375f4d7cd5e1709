using Microsoft.AspNetCore.Http;
using SupportBot.Contracts;
using SupportBot.Web.Auth;

namespace SupportBot.Web.Api;

/// <summary>
/// Puts the signed-in user's API key (kept in the encrypted session cookie, never in the browser's reach) on every
/// call to the API, and turns the API's 401 into <see cref="ApiSessionExpiredException"/>.
/// </summary>
internal sealed class ApiKeyForwardingHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var explicitKey = request.Headers.Contains(ApiKeyHeader.Name);
        if (!explicitKey && accessor.HttpContext?.User.FindFirst(ConsoleClaims.ApiKey)?.Value is { Length: > 0 } key)
        {
            request.Headers.Add(ApiKeyHeader.Name, key);
        }

        var response = await base.SendAsync(request, cancellationToken);
        // Sign-in sends the key it checks itself and reads the 401 as "wrong key", not as an expired session.
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && !explicitKey)
        {
            response.Dispose();
            throw new ApiSessionExpiredException();
        }

        return response;
    }
}
