package dev.watchdog.gotemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go regexp semantics (RE2 syntax, ReplaceAllString expansion) on RE2/J; expectations come from Go (1.22+). */
class GoRegexTest {

    @ParameterizedTest(name = "/{0}/ -> {1} on {2}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '\'', textBlock = """
            (a)b                          => x$1          => ab                 => xa
            a*                            => x            => baaac              => xbxcx
            ''                            => -            => abc                => -a-b-c-
            b*                            => X            => abc                => XaXcX
            (?P<first>\\w+) (?P<second>\\w+) => ${second} $first => hello world => world hello
            (?<n>\\d+)                    => #${n}        => a12b               => a#12b
            (\\w+)                        => $1x          => 'ab cd'            => ' '
            (\\w+)                        => ${1}x        => 'ab cd'            => 'abx cdx'
            (\\w+)                        => $$1          => ab                 => $1
            (\\w+)                        => $            => ab                 => $
            (\\w+)                        => $2           => ab                 => ''
            (\\w+)                        => ${1          => ab                 => ${1
            (a)                           => \\$1         => a                  => \\a
            ^(.*):\\d+$                   => $1           => host:9100          => host
            (?m)^x$                       => Y            => 'x\nx'             => 'Y\nY'
            a.c                           => -            => 'abc a\rc'         => '- -'
            [[:alpha:]]+                  => <$0>         => ab12cd             => <ab>12<cd>
            [a[b]+                        => -            => a[b]c              => -]c
            [a&&b]                        => -            => a&b                => ---
            x{                            => -            => x{                 => -
            a{,2}                         => -            => a{,2}              => -
            (?i)héllo                     => X            => 'HÉLLO héllo'      => 'X X'
            (?U)a+                        => -            => aaa                => ---
            (a|ab)(c|bcd)(d*)             => [$1|$2|$3]   => abcd               => [a|bcd|]
            \\$(\\w+)                     => <$1>         => 'cost $foo'        => 'cost <foo>'
            \\pL+                         => L            => 'héllo 123'        => 'L 123'
            \\p{Greek}+                   => G            => 'αβγ abc'          => 'G abc'
            """)
    void replaceAllBehavesLikeGo(String pattern, String replacement, String input, String expected) throws GoError {
        String text = input.replace("\\n", "\n").replace("\\r", "\r");
        String want = expected.replace("\\n", "\n");
        assertThat(GoRegex.compile(pattern).replaceAll(text, replacement)).isEqualTo(want);
    }

    @ParameterizedTest(name = "/{0}/ is rejected")
    @CsvSource(delimiterString = "=>", textBlock = """
            (         => error parsing regexp: missing closing ): `(`
            a)        => error parsing regexp: unexpected ): `a)`
            )         => error parsing regexp: unexpected ): `)`
            a**       => error parsing regexp: invalid nested repetition operator: `**`
            a++       => error parsing regexp: invalid nested repetition operator: `++`
            (?=a)     => error parsing regexp: invalid or unsupported Perl syntax: `(?=`
            (?<!a)b   => error parsing regexp: invalid named capture: `(?<!a)b`
            \\1       => error parsing regexp: invalid escape sequence: `\\1`
            \\Z       => error parsing regexp: invalid escape sequence: `\\Z`
            a{1001}   => error parsing regexp: invalid repeat count: `{1001}`
            """)
    void constructsRe2RejectsAreRejected(String pattern, String message) {
        assertThatThrownBy(() -> GoRegex.compile(pattern)).isInstanceOf(GoError.class).hasMessage(message);
    }

    @ParameterizedTest(name = "/{0}/ on {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '\'', textBlock = """
            a+          => aa           => true
            a+          => b            => false
            ^node$      => 'node\n'     => false
            (?m)^node$  => 'x\nnode\n'  => true
            a.b         => 'a\rb'       => true
            a.b         => 'a\nb'       => false
            (?s)a.b     => 'a\nb'       => true
            \\s         => '\u000b'     => false
            \\bfoo\\b   => 'a foo b'    => true
            """)
    void matchIsAnUnanchoredSearch(String pattern, String input, boolean expected) throws GoError {
        assertThat(GoRegex.compile(pattern).matches(input.replace("\\n", "\n").replace("\\r", "\r"))).isEqualTo(expected);
    }
}
