using Spectre.Console;
using SupportBot.Hosting;

namespace SupportBot.AppHost;

internal static class ResourceTable
{
    public static void Print(DistributedApplication app)
    {
        // Piped output (CI logs, `| tee`) would otherwise wrap URLs at 80 columns.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 160;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("SupportBot resources");
        table.AddColumns("Resource", "State", "URL", "PID", "Note");
        foreach (var resource in app.Resources)
        {
            table.AddRow(
                Markup.Escape(resource.Name),
                Markup.Escape(resource.State.ToString()),
                Markup.Escape(resource.Url ?? "-"),
                resource.Pid?.ToString() ?? "-",
                Markup.Escape(resource.Note ?? ""));
        }

        AnsiConsole.Write(table);
    }
}
