using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace BulkImport.Core.Alerts;

/// <summary>Delivers through an SMTP server with MailKit (<c>Email:Smtp</c>).</summary>
public sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    /// <summary>How long one SMTP command may take before the attempt counts as failed.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    public async Task<IMailSession> OpenAsync(CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        try
        {
            var security = !options.UseTls ? SecureSocketOptions.None
                : options.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(options.Host ?? "localhost", options.Port, security, ct);
            if (!string.IsNullOrEmpty(options.User))
            {
                await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
            }

            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            try
            {
                await client.SendAsync(message, ct);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
            {
                throw new MailRefusedException($"The mail server refused the message: {(int)e.StatusCode} {e.Message}", e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
            {
                // The messages are already recorded; a connection that ends badly changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
