using System.Globalization;
using BulkImport.Core.Settings;

namespace BulkImport.Core.Alerts;

/// <summary>How alert e-mails are delivered (configuration section <c>Email</c>, SPEC section 18).</summary>
public sealed class EmailOptions : ICheckedSettings
{
    public const string Section = "Email";

    /// <summary>The sender address of every alert.</summary>
    public string From { get; set; } = "bulkimport@localhost";

    /// <summary>The SMTP server; without a host, messages are written as .eml files to <c>&lt;data&gt;/mail/</c>.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The app's address as recipients open it, for the View Results link.</summary>
    public string LinkBaseUrl { get; set; } = "http://localhost:5027";

    /// <summary>The wait after the first failed attempt; it doubles with each further failure.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts of one message.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the sender looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits of 0 or less would send in a busy loop (or fail the sender), and a port outside 1–65535 would fail every
    /// attempt, retried for ever with each alert.
    /// </summary>
    public void Check(SettingChecks checks)
    {
        var defaults = new EmailOptions();
        checks.LongerThanZero($"{Section}:{nameof(RetryDelay)}", RetryDelay, defaults.RetryDelay);
        checks.LongerThanZero($"{Section}:{nameof(MaxRetryDelay)}", MaxRetryDelay, defaults.MaxRetryDelay);
        checks.LongerThanZero($"{Section}:{nameof(PollInterval)}", PollInterval, defaults.PollInterval);
        if (Smtp.Port is < 1 or > 65535)
        {
            checks.Refuse($"{Section}:{nameof(Smtp)}:{nameof(SmtpOptions.Port)}", Smtp.Port.ToString(CultureInfo.InvariantCulture),
                "a port number from 1 to 65535", defaults.Smtp.Port.ToString(CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>The SMTP server (configuration section <c>Email:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>TLS required: implicit TLS on port 465, STARTTLS on any other port. Off: plain SMTP (a relay on the same host or network).</summary>
    public bool UseTls { get; set; }
    /// <summary>Signs in with these when set.</summary>
    public string? User { get; set; }
    public string? Password { get; set; }
}

/// <summary>Who helps with corrections (configuration section <c>Support</c>).</summary>
public sealed class SupportOptions
{
    public const string Section = "Support";

    /// <summary>An e-mail address (or any text) shown as "For assistance with corrections, email …"; nothing is shown when blank.</summary>
    public string? Contact { get; set; }

    /// <summary>The sentence that ends error reports and alert e-mails; null when no contact is configured.</summary>
    public string? Sentence => string.IsNullOrWhiteSpace(Contact) ? null : $"For assistance with corrections, email {Contact.Trim()}.";
}
