package dev.watchdog.gotemplate;

/** {@code html/template.HTML}, what {@code safeHtml} returns: a string type that is not {@code string}. */
record SafeHtml(String text) {

    static final String TYPE = "template.HTML";
}
