/**
 * The form a line is judged in: what a reader takes it to say, whatever characters draw it. A
 * solution written with look-alike letters (`rеturn` with a Cyrillic `е`), full-width or mathematical
 * letters (`ｒｅｔｕｒｎ`, `𝐫𝐞𝐭𝐮𝐫𝐧`) or look-alike fences (`ˋˋˋ`, `～～～`) reads as code and must be
 * judged as code. Only for judging: the viewer still gets the characters the model wrote.
 *
 * 1. NFKD, then combining marks dropped: full-width and mathematical forms, ligatures and accents
 *    fall to their base letters (`ｆｏｒ` → `for`, `é` → `e`).
 * 2. The look-alikes left map to the ASCII character they imitate. The table is the subset of Unicode's
 *    confusables.txt (UTS #39, Unicode Security Mechanisms, version 14.0.0; the current file is
 *    https://www.unicode.org/Public/security/latest/confusables.txt, read on 2026-12-07 in the copy at
 *    github.com/woodgern/confusables, confusables/assets/confusables.txt) whose source is a single
 *    character of the Latin, Greek, Cyrillic, Armenian, Cherokee, Lisu, Coptic or Common scripts,
 *    unchanged by NFKD, and whose target is one printable ASCII character other than a digit. Letters
 *    of other scripts (Han, Kana, Arabic, Hebrew, Indic) are left alone: mapping them would turn
 *    honest prose in those languages into pseudo-Latin. Where the file maps to a character that is not
 *    the one code means, the table says so: capital-I look-alikes are `I` (not `l`), vertical bars
 *    `|`, the grave accents `ˋ ˴ ‵` a backtick and the tilde-like `˜ 〜` a tilde (the file maps the
 *    backtick itself to an apostrophe and `˜` to a combining mark).
 * 3. Every kind of space, and the blank fillers that render as one (Hangul fillers, the blank braille
 *    pattern), becomes a plain space.
 */

/** [ASCII target, its look-alikes]: generated from confusables.txt as described above. */
const LOOK_ALIKES: ReadonlyArray<readonly [string, string]> = [
  ["!", "ǃ"],
  ["&", "ꝸ"],
  ["'", "՝‘’‛′՚ʹˈˊʻʽʼʾꞌ"],
  ["(", "❨❲〔﴾"],
  [")", "❩❳〕﴿"],
  ["*", "⁎∗"],
  ["+", "᛭➕"],
  [",", "‚ꓹ"],
  ["-", "‐‒–⁃˗−➖Ⲻ"],
  [".", "ꓸ"],
  ["/", "᜵⁁∕⁄╱⟋⧸𝈺㇓〳Ⳇ"],
  [":", "։᛬᠃⁚˸꞉∶ːꓽ"],
  ["<", "‹❮˂𝈶"],
  ["=", "⹀゠꓿"],
  [">", "›❯˃𝈷"],
  ["?", "ʔɁᎮ"],
  ["A", "ΑАᎪꓮ"],
  ["B", "ꞴΒВᏴꓐ"],
  ["C", "🝌ⲤСᏟꓚ"],
  ["D", "Ꭰꓓ"],
  ["E", "⋿ΕЕᎬꓰ"],
  ["F", "𝈓ꞘϜꓝ"],
  ["G", "ԌᏀᏳꓖ"],
  ["H", "ΗⲎНᎻꓧ"],
  ["I", "ƖΙⲒІӀꓲ"],
  ["J", "ꞲͿЈᎫꓙ"],
  ["K", "ΚⲔКᏦꓗ"],
  ["L", "𝈪ⳐᏞꓡ"],
  ["M", "ΜϺⲘМᎷꓟ"],
  ["N", "ΝⲚꓠ"],
  ["O", "ΟⲞОՕꓳ"],
  ["P", "ΡⲢРᏢꓑ"],
  ["R", "𝈖ƦᎡᏒꓣ"],
  ["S", "ЅՏᏕᏚꓢ"],
  ["T", "⊤⟙🝨ΤⲦТᎢꓔ"],
  ["U", "∪⋃Սꓴ"],
  ["V", "𝈍ѴᏙꓦ"],
  ["W", "ԜᎳᏔꓪ"],
  ["X", "╳ꞳΧⲬХꓫ"],
  ["Y", "ΥⲨУҮᎩᎽꓬ"],
  ["Z", "𐋵ΖᏃꓜ"],
  ["\\", "∖⟍⧵⧹𝈏𝈻㇔"],
  ["^", "˄ˆ"],
  ["`", "‵ˋ˴"],
  ["a", "⍺ɑαа"],
  ["b", "ƄЬᏏ"],
  ["c", "ᴄⲥсꮯ"],
  ["d", "ԁᏧꓒ"],
  ["e", "℮ꬲеҽ"],
  ["f", "ꬵꞙẝք"],
  ["g", "ɡᶃƍց"],
  ["h", "һհᏂ"],
  ["i", "⍳ıɪɩιіꙇӏꭵᎥ"],
  ["j", "ϳј"],
  ["n", "ոռ"],
  ["o", "ᴏᴑꬽοσⲟоօ"],
  ["p", "⍴ρⲣр"],
  ["q", "ԛգզ"],
  ["r", "ꭇꭈᴦⲅгꮁ"],
  ["s", "ꜱƽѕꮪ"],
  ["u", "ꞟᴜꭎꭒʋυս"],
  ["v", "∨⋁ᴠνѵꮩ"],
  ["w", "ɯᴡѡԝաꮃ"],
  ["x", "×⤫⤬⨯х"],
  ["y", "ɣᶌʏỿꭚγуү"],
  ["z", "ᴢꮓ"],
  ["{", "❴𝄔"],
  ["|", "∣⏽ǀ"],
  ["}", "❵"],
  ["~", "⁓∼˜〜"],
];

const TO_ASCII = new Map<string, string>();
for (const [ascii, sources] of LOOK_ALIKES) for (const source of sources) TO_ASCII.set(source, ascii);

const BLANK = /[\p{Zs}\u3164\u115F\u1160\uFFA0\u2800]/u;

/**
 * The judging form of a text (see above).
 * @example skeleton("rеturn ｂｅｓｔ") // "return best" (the first `е` is Cyrillic)
 */
export function skeleton(text: string): string {
  // Plain ASCII is its own skeleton: the common case costs one test.
  if (/^[\t\x20-\x7E]*$/.test(text)) return text;
  let out = "";
  for (const char of text.normalize("NFKD").replace(/\p{M}/gu, "")) {
    out += BLANK.test(char) ? " " : (TO_ASCII.get(char) ?? char);
  }
  return out;
}
