using MimeKit;

namespace BulkImport.Core.Alerts;

/// <summary>
/// Without an SMTP host, messages are written as <c>.eml</c> files to <c>&lt;data&gt;/mail/</c>, so a new installation works
/// and an administrator can open them. A file is named after its Message-ID and written whole (to a temporary name, then
/// moved), so writing a message again replaces its file instead of doubling it.
/// </summary>
public sealed class MailFolderTransport(string folder) : IMailTransport
{
    public Task<IMailSession> OpenAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        return Task.FromResult<IMailSession>(new Session(folder));
    }

    /// <summary>The file of a message: its Message-ID with every character that is not a letter, digit, '.', '-' or '@' replaced.</summary>
    public static string FileNameOf(string messageId) =>
        new string([.. messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@' ? c : '_')]) + ".eml";

    private sealed class Session(string folder) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            var path = Path.Combine(folder, FileNameOf(message.MessageId ?? Guid.NewGuid().ToString("N")));
            var temporary = path + ".tmp";
            await using (var file = File.Create(temporary))
            {
                await message.WriteToAsync(file, ct);
            }

            File.Move(temporary, path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
