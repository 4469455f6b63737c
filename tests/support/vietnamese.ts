/**
 * Is a message meant for a Vietnamese reader? It must contain letters only Vietnamese uses
 * (ă â đ ê ô ơ ư or a tone mark on a vowel) and none of the stock English phrases of zod or Node.
 */
const VIETNAMESE_LETTER = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;
const ENGLISH = /\b(invalid|expected|received|unrecognized|too (big|small)|required|error|failed|undefined)\b/i;

export function isVietnameseMessage(message: unknown): boolean {
  return (
    typeof message === 'string' && message.trim().length > 0 && VIETNAMESE_LETTER.test(message.normalize('NFC')) && !ENGLISH.test(message)
  );
}
