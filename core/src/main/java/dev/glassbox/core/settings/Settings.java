package dev.glassbox.core.settings;

import dev.glassbox.core.guard.OriginPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code GLASSBOX_*} settings from an environment, the one way the server, the Lambda functions, the local API
 * Gateway and the infrastructure app all do: a blank value means "not set", and every bad value throws a
 * {@link SettingException} that names the variable, quotes the value and says what would be accepted.
 */
public final class Settings {
    /** A DNS name, an IPv4 address or a bracketed or bare IPv6 address. */
    private static final String HOST = "[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[?[0-9A-Fa-f:.]{2,45}\\]?";

    private final Map<String, String> env;

    public Settings(Map<String, String> env) {
        this.env = env;
    }

    /** The value, stripped, or null when unset or blank. */
    public String optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String text(String name, String fallback) {
        String value = optional(name);
        return value == null ? fallback : value;
    }

    public String required(String name, String what) {
        String value = optional(name);
        if (value == null) {
            throw new SettingException(name + " is not set; set it to " + what + ".");
        }
        return value;
    }

    /** One of {@code allowed}; the fallback when unset. */
    public String oneOf(String name, String fallback, List<String> allowed) {
        String value = text(name, fallback);
        if (!allowed.contains(value)) {
            throw new SettingException(name + " must be " + alternatives(allowed) + ", not '" + value + "'.");
        }
        return value;
    }

    /** A value matching {@code pattern}, which {@code what} describes for a person. */
    public String matching(String name, String fallback, String pattern, String what) {
        String value = text(name, fallback);
        if (value != null && !value.matches(pattern)) {
            throw new SettingException(name + " must be " + what + ", not '" + value + "'.");
        }
        return value;
    }

    public long number(String name, long fallback, long min, long max) {
        String value = optional(name);
        return value == null ? fallback : wholeNumber(name, value, min, max);
    }

    /** A whole number, or null when unset. */
    public Long optionalNumber(String name, long min, long max) {
        String value = optional(name);
        return value == null ? null : wholeNumber(name, value, min, max);
    }

    private static long wholeNumber(String name, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new SettingException(name + " must be a whole number from " + min + " to " + max + ", not '" + value
                + "'.");
    }

    /** A positive decimal number such as an amount of dollars. */
    public double positive(String name, double fallback) {
        String value = optional(name);
        if (value == null) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingException(name + " must be a positive number such as " + fallback + ", not '" + value
                + "'.");
    }

    public boolean flag(String name) {
        return oneOf(name, "false", List.of("true", "false")).equals("true");
    }

    /** A comma-separated list without blank entries; empty when unset. */
    public List<String> list(String name) {
        return Arrays.stream(text(name, "").split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** A list of WebSocket origins (or *), each one a browser could send; empty when unset. */
    public List<String> origins(String name) {
        List<String> origins = list(name);
        for (String origin : origins) {
            String problem = OriginPolicy.problem(origin);
            if (problem != null) {
                throw new SettingException(name + " has '" + origin + "', which no browser sends: " + problem
                        + ". List origins like https://example.org or http://localhost:3000, separated by commas, or *.");
            }
        }
        return origins;
    }

    /** A Bedrock resource id: letters and digits, as the console shows them. */
    public String id(String name, String what) {
        String value = required(name, what);
        if (!value.matches("[0-9a-zA-Z]{1,20}")) {
            throw new SettingException(name + " must be " + what + ", not '" + value + "'.");
        }
        return value;
    }

    /** An http:// or https:// URL, or null when unset. */
    public URI optionalUri(String name) {
        String value = optional(name);
        return value == null ? null : httpUrl(name, value);
    }

    public URI requiredUri(String name, String what) {
        return httpUrl(name, required(name, what));
    }

    public URI url(String name, String fallback) {
        return httpUrl(name, text(name, fallback));
    }

    /** An absolute http(s) URL with a host and without user information (which would leak into logs and pages). */
    private static URI httpUrl(String name, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new SettingException(name + " must be an absolute http:// or https:// URL without user information, "
                + "not '" + value + "'.");
    }

    /**
     * A ws:// or wss:// URL with a plain host name or IP address and a path of URL characters, or null when unset:
     * the server writes it into the page's Content-Security-Policy, where ';' or a quote would add rules.
     */
    public URI webSocketUrl(String name) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        if (!value.matches("wss?://(" + HOST + ")(:\\d{1,5})?(/[A-Za-z0-9._~/%!$&()*+=:@-]*)?")) {
            throw new SettingException(name + " must be a ws:// or wss:// URL such as ws://localhost:8081/local, not '"
                    + value + "'.");
        }
        return URI.create(value);
    }

    /** An IP address or host name to listen on. */
    public String host(String name, String fallback) {
        String value = optional(name);
        return value == null ? fallback : hostName(name, value);
    }

    /** {@code value}, one host name of the list in {@code name}. */
    public static String hostName(String name, String value) {
        if (!value.matches(HOST)) {
            throw new SettingException(name + " must be a host name or IP address such as 127.0.0.1, 0.0.0.0 or "
                    + "glassbox.example, not '" + value + "'.");
        }
        return value;
    }

    private static String alternatives(List<String> allowed) {
        return allowed.size() == 1 ? allowed.get(0)
                : String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or " + allowed.get(allowed.size() - 1);
    }
}
