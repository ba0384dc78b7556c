/**
 * Go text/template with Prometheus' template functions: a library that renders alert label and annotation
 * templates the way Prometheus does. It imports nothing from Watchdog's features; see README.md beside it.
 *
 * <p>{@link dev.watchdog.gotemplate.AlertTemplate} parses Go text/template syntax with Prometheus' functions and
 * renders it with the preamble variables {@code $labels}, {@code $externalLabels}, {@code $externalURL} and
 * {@code $value}; Go's printing of values ({@code 1e+06}, {@code +Inf}, {@code map[a:b]}); Go's fmt verbs for
 * {@code printf}; Go's comparison, truth and scoping rules; and Go's error messages, prefixed with the template
 * name and a 1-based {@code line:column}.
 *
 * <p>Inside, the pieces mirror Go's: {@code Lexer}, {@code TokenCursor}, {@code Parser} and {@code PipelineParser}
 * build {@code Node}s; {@code Executor} walks them and {@code Evaluator} evaluates pipelines over a shared
 * {@code ExecState}; {@code GoFloat}, {@code GoPrinter} and {@code GoFmt} are strconv and fmt;
 * {@link dev.watchdog.gotemplate.GoRegex} is Go's regexp on RE2/J; the functions live in {@code BuiltinFunctions}
 * (text/template's) and {@code PrometheusFunctions}.
 *
 * <p>Not supported: complex number literals (a parse error), native histogram sample values, function values for
 * {@code call}, and the console-only {@code tmpl}. Printing a query result shows each sample as
 * {@code &{map[...] value}} where Go would print memory addresses.
 */
package dev.watchdog.gotemplate;
