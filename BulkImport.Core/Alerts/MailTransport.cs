using MimeKit;

namespace BulkImport.Core.Alerts;

/// <summary>Where alert messages go: an SMTP server, or the mail folder when none is configured.</summary>
public interface IMailTransport
{
    /// <summary>Opens a session for a batch of messages (one SMTP connection); fails when the server cannot be reached.</summary>
    Task<IMailSession> OpenAsync(CancellationToken ct);
}

/// <summary>One open delivery session.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <summary>
    /// Delivers one message; returns once the server accepted it (250). Throws <see cref="MailRefusedException"/> when the
    /// server refuses it for good (5xx), and anything else when it may succeed later.
    /// </summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>The server refused the message for good (a 5xx answer, such as an unknown recipient): trying again cannot help.</summary>
public sealed class MailRefusedException(string message, Exception inner) : Exception(message, inner);
