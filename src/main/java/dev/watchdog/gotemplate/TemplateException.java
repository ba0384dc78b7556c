package dev.watchdog.gotemplate;

/**
 * A template that does not parse, or that failed while rendering. The message reads
 * {@code template "summary": 1:15: function "humanise" not defined}; line and column are 1-based and point
 * into the template text as the user wrote it.
 */
public final class TemplateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String templateName;
    private final int line;
    private final int column;
    private final String reason;

    public TemplateException(String templateName, int line, int column, String reason) {
        super("template " + GoStrings.quote(templateName, false) + ": " + line + ":" + column + ": " + reason);
        this.templateName = templateName;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The error at a character offset of the source. */
    static TemplateException at(String templateName, String source, int offset, String reason) {
        int end = Math.max(0, Math.min(offset, source.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = source.codePointCount(lineStart, end) + 1;
        return new TemplateException(templateName, line, column, reason);
    }

    public String templateName() {
        return templateName;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** 1-based column (in characters) of the problem. */
    public int column() {
        return column;
    }

    /** The message without the template name and position, e.g. {@code function "humanise" not defined}. */
    public String reason() {
        return reason;
    }
}
