"""Language names that people write where a BCP 47 tag belongs: validation suggests the tag,
importers convert the name. A vocabulary, so it lives with the model, below every command."""

from __future__ import annotations

#: Language names written where a code belongs, lowercased -> ISO 639-1 code.
LANGUAGE_NAMES: dict[str, str] = {
    "english": "en", "norwegian": "no", "bokmål": "nb", "nynorsk": "nn", "german": "de", "french": "fr",
    "spanish": "es", "chinese": "zh", "japanese": "ja", "arabic": "ar", "russian": "ru",
    "portuguese": "pt", "italian": "it", "dutch": "nl", "swedish": "sv", "danish": "da",
    "finnish": "fi", "icelandic": "is", "hindi": "hi", "korean": "ko",
}
