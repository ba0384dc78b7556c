/**
 * Prometheus-compatible templates for alert labels and annotations.
 *
 * <p>{@link dev.watchdog.gotemplate.AlertTemplate} parses Go text/template syntax with Prometheus'
 * functions and renders it the way Prometheus does: the preamble variables {@code $labels},
 * {@code $externalLabels}, {@code $externalURL} and {@code $value}; Go's printing of values
 * ({@code 1e+06}, {@code +Inf}, {@code map[a:b]}); Go's fmt verbs for {@code printf}; Go's comparison,
 * truth and scoping rules; and Go's error messages, prefixed with the template name and a 1-based
 * {@code line:column}.
 *
 * <p>Inside, the pieces mirror Go's: {@link dev.watchdog.gotemplate.Lexer} and
 * {@link dev.watchdog.gotemplate.Parser} build {@link dev.watchdog.gotemplate.Node}s,
 * {@link dev.watchdog.gotemplate.Executor} walks them; {@code GoFloat}, {@code GoPrinter} and
 * {@code GoFmt} are strconv and fmt; {@code GoRegex} is RE2 on java.util.regex; the functions live in
 * {@code BuiltinFunctions} (text/template's) and {@code PrometheusFunctions}.
 *
 * <p>Not supported: complex number literals (a parse error), native histogram sample values, function
 * values for {@code call}, and the console-only {@code tmpl}. Printing a query result shows each sample as
 * {@code &{map[...] value}} where Go would print memory addresses.
 */
package dev.watchdog.gotemplate;
