package dev.watchdog.security;

import static dev.watchdog.security.SecretRule.groups;
import static dev.watchdog.security.SecretRule.token;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;
import java.util.stream.Stream;

/**
 * The secret shapes the {@link Redactor} knows, in priority order (it matters only where two rules
 * match at the same position). Kinds are the names that appear in {@code [REDACTED:kind]}.
 */
final class SecretRules {

    /** Not after a token character: a prefix inside a longer word is not a token's start. */
    private static final String B = "(?<![A-Za-z0-9_-])";
    /** Not before a token character: fixed-length tokens must end where they are expected to. */
    private static final String E = "(?![A-Za-z0-9_-])";

    /** Rules recognisable by their own shape; they also run on the values of key=value pairs. */
    static final List<SecretRule> SHAPES = List.of(
            // Text already redacted, by a configured literal or an earlier pass, is kept and skipped.
            SecretRule.of(List.of("[redacted:"), "\\[REDACTED:[a-z0-9-]{1,40}]", (match, inside) -> match.group()),
            // The whole PEM block (RSA, EC, OPENSSH, PGP, ENCRYPTED …); one cut off by truncation up to the end.
            token("private-key", List.of("-----begin "), "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----"
                    + "[\\s\\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----|\\z)"),
            groups(List.of("://"), "://([0-9a-f]{32}(?::[0-9a-f]{32})?)@(?=[A-Za-z0-9.-]{0,200}?sentry)", "sentry-dsn"),
            urlPassword(),
            // Slack
            token("slack-token", List.of("xox"), "(?<![A-Za-z0-9])(?:xoxe\\.)?xox[a-z]-[A-Za-z0-9-]++"),
            token("slack-token", List.of("xapp-"), "(?<![A-Za-z0-9])xapp-[A-Za-z0-9-]++"),
            groups(List.of("hooks.slack.com"), "hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9/_-]++)",
                    "slack-webhook"),
            groups(List.of("discord"), "(?i)discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,100}+)",
                    "discord-webhook"),
            groups(List.of("webhook.office.com"), "webhook\\.office\\.com/webhookb2/([^\\s\"'<>]{20,}+)", "teams-webhook"),
            groups(List.of(":aa"), "(?<=[0-9]{8}):(AA[A-Za-z0-9_-]{33})" + E, "telegram-bot-token"),
            // Model providers: the more specific prefix first.
            token("anthropic-key", List.of("sk-ant-"), B + "sk-ant-[a-z]{2,8}[0-9]{2}-[A-Za-z0-9_-]{20,}+"),
            token("openai-key", List.of("sk-"), B + "sk-[A-Za-z0-9_-]{20,}+"),
            token("huggingface-token", List.of("hf_"), B + "hf_[A-Za-z0-9]{34,}+"),
            // Source control
            token("github-token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), B + "gh[pousr]_[A-Za-z0-9]{20,}+"),
            token("github-token", List.of("github_pat_"), B + "github_pat_[A-Za-z0-9_]{20,}+"),
            token("gitlab-token", List.of("glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "gloas-", "glimt-", "glsoat-",
                    "glffct-", "glagent-"),
                    B + "(?:glpat|gldt|glrt|glptt|glcbt|gloas|glimt|glsoat|glffct|glagent)-[A-Za-z0-9_-]{20,}+"),
            token("gitlab-token", List.of("gr1348941"), B + "GR1348941[A-Za-z0-9_-]{20,}+"),
            token("bitbucket-app-password", List.of("atbb"), B + "ATBB[A-Za-z0-9_=.-]{28,}+"),
            token("atlassian-token", List.of("atatt3"), B + "ATATT3[A-Za-z0-9_=.-]{100,}+"),
            // Cloud: AWS, Google, Azure, Alibaba, DigitalOcean, Heroku
            groups(List.of("akia", "asia"), "(?<![A-Za-z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?:[:=,;|]|[ \\t]{1,5})"
                    + "([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", "aws-access-key-id", "aws-secret-key"),
            token("aws-access-key-id", List.of("akia", "asia"), "(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
            token("aws-session-token", List.of("iqojb3jpz2lux2vj", "fwogzxivyxdz"),
                    B + "(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz)[A-Za-z0-9/+=%]{40,}+"),
            token("gcp-api-key", List.of("aiza"), B + "AIza[0-9A-Za-z_-]{35}" + E),
            token("gcp-oauth-client-secret", List.of("gocspx-"), B + "GOCSPX-[A-Za-z0-9_-]{28}" + E),
            token("google-oauth-token", List.of("ya29."), B + "ya29\\.[0-9A-Za-z_-]{20,}+"),
            token("azure-client-secret", List.of("7q~", "8q~"),
                    "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[78]Q~[A-Za-z0-9_~.-]{31,34}+").lookingBack(3),
            token("alibaba-access-key-id", List.of("ltai"), "(?<![A-Za-z0-9])LTAI[A-Za-z0-9]{12,20}(?![A-Za-z0-9])"),
            token("digitalocean-token", List.of("dop_v1_", "doo_v1_", "dor_v1_"), B + "do[opr]_v1_[a-f0-9]{64}" + E),
            token("heroku-key", List.of("hrku-"), B + "HRKU-[A-Za-z0-9_-]{40,}+"),
            token("terraform-token", List.of(".atlasv1."),
                    "(?<![A-Za-z0-9])[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,}+").lookingBack(14),
            token("databricks-token", List.of("dapi"), B + "dapi[a-f0-9]{32}(?:-[0-9])?" + E),
            // Payments and messaging
            token("stripe-key", List.of("sk_live_", "sk_test_", "rk_live_", "rk_test_"),
                    B + "[sr]k_(?:live|test)_[A-Za-z0-9]{16,}+"),
            token("stripe-webhook-secret", List.of("whsec_"), B + "whsec_[A-Za-z0-9+/=]{24,}+"),
            token("square-token", List.of("sq0atp-", "sq0csp-"), B + "sq0(?:atp|csp)-[A-Za-z0-9_-]{22,}+"),
            token("square-token", List.of("eaaa"), B + "EAAA[A-Za-z0-9_-]{60}" + E),
            token("shopify-token", List.of("shpat_", "shpca_", "shppa_", "shpss_"),
                    B + "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}" + E),
            token("twilio-api-key", List.of("sk"), "(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])"),
            token("sendgrid-key", List.of("sg."), B + "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}" + E),
            token("mailgun-key", List.of("key-"), B + "key-[0-9a-zA-Z]{32}" + E),
            token("mailchimp-key", List.of("-us"), "(?<![A-Za-z0-9])[0-9a-f]{32}-us[0-9]{1,2}(?![A-Za-z0-9])")
                    .lookingBack(32),
            // Packages and registries
            token("npm-token", List.of("npm_"), B + "npm_[A-Za-z0-9]{36}" + E),
            token("pypi-token", List.of("pypi-ageichlwas5vcmc"), B + "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}+"),
            token("nuget-key", List.of("oy2"), "(?<![A-Za-z0-9])oy2[a-z0-9]{43}(?![A-Za-z0-9])"),
            token("rubygems-key", List.of("rubygems_"), B + "rubygems_[0-9a-f]{48}" + E),
            token("docker-token", List.of("dckr_pat_"), B + "dckr_pat_[A-Za-z0-9_-]{27,}+"),
            token("vault-token", List.of("hvs.", "hvb.", "hvr."), B + "hv[sbr]\\.[A-Za-z0-9_-]{24,}+"),
            // Observability and on-call
            token("newrelic-key", List.of("nrak-", "nrii-", "nrjs-", "nraa-", "nriq-"),
                    B + "NR(?:AK|II|JS|AA|IQ)-[A-Z0-9]{27}" + E),
            token("newrelic-key", List.of("nral"), "(?<![A-Za-z0-9])[a-f0-9]{36}NRAL(?![A-Za-z0-9])").lookingBack(36),
            token("sentry-token", List.of("sntrys_", "sntryu_"), B + "sntry[su]_[A-Za-z0-9+/=_-]{40,}+"),
            token("grafana-token", List.of("glsa_"), B + "glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}" + E),
            token("grafana-token", List.of("glc_"), B + "glc_[A-Za-z0-9+/=_-]{32,}+"),
            token("pagerduty-key", List.of("u+"), "(?<![A-Za-z0-9+/_-])u\\+[A-Za-z0-9_-]{18}(?![A-Za-z0-9_+-])"),
            // Others
            token("postman-key", List.of("pmak-"), B + "PMAK-[a-f0-9]{24}-[a-f0-9]{34}" + E),
            token("linear-key", List.of("lin_api_"), B + "lin_api_[A-Za-z0-9]{40}" + E),
            token("age-secret-key", List.of("age-secret-key-1"), "AGE-SECRET-KEY-1[0-9A-Z]{58}"),
            token("jwt", List.of("eyj"), B + "eyJ[A-Za-z0-9_-]{4,}+\\.[A-Za-z0-9_-]{4,}+\\.[A-Za-z0-9_-]*+"));

    /** Rules that need the words around a secret: headers, key=value pairs, {@code .netrc} lines. */
    static final List<SecretRule> IN_CONTEXT = List.of(
            // Authorization headers, with or without a scheme word.
            SecretRule.of(List.of("authorization"), "(?i)authorization[\"']?[ \\t]{0,5}[:=][ \\t]{0,5}[\"']?"
                    + "(?:(bearer|basic|digest|token|bot)[ \\t]++)?([^\\s\"',;]++)",
                    (match, inside) -> SecretRule.replaceGroups(match, null, Redactor.marker(authorizationKind(match)))),
            SecretRule.of(List.of("cookie"),
                    "(?i)cookie\\\\?[\"']?[ \\t]{0,5}:[ \\t]{0,5}\\\\?[\"']?([^\\r\\n\"'\\\\]{1,8192}+)",
                    SecretRules::cookieValues),
            groups(List.of("auth"), "(?<=\")auth\\\\?\"[ \\t]{0,5}:[ \\t]{0,5}\\\\?\"([A-Za-z0-9+/]{8,}+={0,2})\\\\?\"",
                    "docker-auth"),
            KeyValuePairs.secret("aws-secret-key", List.of("aws"), "aws_?secret_?access_?key"),
            KeyValuePairs.secret("aws-session-token", List.of("aws", "x-amz-security-token"),
                    "aws_?session_?token|x-amz-security-token"),
            KeyValuePairs.secret("azure-storage-key", List.of("account"), "account_?key"),
            KeyValuePairs.secret("azure-shared-access-key", List.of("shared"), "shared_?access_?key"),
            KeyValuePairs.secret("azure-sas-signature", List.of("sig"), "(?<=[?&;])sig"),
            KeyValuePairs.secret("private-key-id", List.of("private"), "private[_-]?key[_-]?id"),
            KeyValuePairs.secret("private-key", List.of("private"), "private[_-]?key"),
            KeyValuePairs.secret("private-key", List.of("client"), "client[_-]?key[_-]?data"),
            KeyValuePairs.secret("password", List.of("password", "passwd", "passphrase"), "pass(?:word|wd|phrase)"),
            KeyValuePairs.secret("secret", List.of("secret"), "secret(?:[_-]?(?:access[_-]?)?key)?"),
            KeyValuePairs.secret("token", List.of("token"), "token"),
            KeyValuePairs.secret("api-key", List.of("api"), "api[_-]?key"),
            KeyValuePairs.ifRandom("credential", List.of("credential"), "credentials?"),
            KeyValuePairs.ifRandom("session-id", List.of("session", "sessid", "sid"), "session[_-]?(?:id|key)?|sessid|sid"),
            KeyValuePairs.ifRandom("signature", List.of("sig"), "sig(?:nature)?"),
            KeyValuePairs.ifRandom("auth", List.of("auth"), "auth"),
            KeyValuePairs.ifRandom("key", List.of("key"), "key"),
            groups(List.of("bearer"), "(?i)(?<![A-Za-z0-9])bearer[ \\t]++([A-Za-z0-9._~+/=-]{8,}+)", "bearer-token"),
            groups(List.of("machine"), "machine[ \\t]++\\S{1,253}+[ \\t]++login[ \\t]++\\S{1,256}+[ \\t]++password"
                    + "[ \\t]++(\\S{1,1024}+)", "password"));

    /** Every rule, shapes first. */
    static final List<SecretRule> ALL = Stream.concat(SHAPES.stream(), IN_CONTEXT.stream()).toList();

    /** Cookie attributes are not secrets; every other cookie's value is. */
    private static final Set<String> COOKIE_ATTRIBUTES =
            Set.of("path", "domain", "expires", "max-age", "samesite", "secure", "httponly", "partitioned", "priority");

    private SecretRules() {
    }

    /**
     * {@code scheme://user:password@host}: keeps the user, hides the password, which may contain
     * any reserved character ({@code # / ? @ :}): it ends at the first {@code @} that a host name
     * follows. A number right after the colon and before a path is a port, not a password. The
     * password never runs into the next {@code ://}, so each URL's attempt reads its own characters.
     */
    private static SecretRule urlPassword() {
        String host = "[A-Za-z0-9.-]{1,253}+(?::[0-9]{1,5})?(?:[/?#\\s\"'<>),;\\]]|\\z)";
        return groups(List.of("://"), "://[^\\s:/?#@\"'<>\\[\\]]{0,128}+:(?![0-9]{1,5}(?:[/?#\\s]|\\z))"
                + "((?:[^\\s\"'<>:]|:(?!//)){1,256}?)@(?=" + host + ")", "url-password");
    }

    private static String authorizationKind(MatchResult match) {
        String scheme = match.group(1);
        if (scheme == null) {
            return "authorization";
        }
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "bearer" -> "bearer-token";
            case "basic" -> "basic-auth";
            default -> "authorization";
        };
    }

    /** A Cookie or Set-Cookie header with every cookie's value masked; names and attributes stay. */
    private static String cookieValues(MatchResult match, UnaryOperator<String> inside) {
        String header = match.group(1);
        StringBuilder out = new StringBuilder(header.length());
        String marker = Redactor.marker("cookie");
        for (String part : header.split(";", -1)) {
            if (out.length() > 0) {
                out.append(';');
            }
            int equals = part.indexOf('=');
            String name = equals < 0 ? "" : part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : part.substring(equals + 1).strip();
            if (name.isEmpty() || value.isEmpty() || COOKIE_ATTRIBUTES.contains(name) || Redactor.isMarker(value)) {
                out.append(part);
            } else {
                out.append(part, 0, equals + 1).append(marker);
            }
        }
        String whole = match.group();
        return whole.substring(0, match.start(1) - match.start()) + out;
    }
}
