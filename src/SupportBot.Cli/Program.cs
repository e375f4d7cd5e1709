using System.Runtime.InteropServices;
using SupportBot.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// SIGTERM (the AppHost stopping `simulate`) stops as cleanly as Ctrl-C: finish, print the summary.
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});

return await SupportBotCli.InvokeAsync(args, Console.Out, Console.Error, cancel.Token);
