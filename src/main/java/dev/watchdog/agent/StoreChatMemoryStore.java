package dev.watchdog.agent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.watchdog.db.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread conversations kept in the {@link ConversationStore}, so a restart (even {@code kill -9}) keeps them,
 * with the recently active threads cached: LangChain4j reads the whole conversation before every
 * message it adds. Writes go through to the store at once.
 *
 * <p>A store that cannot be written does not stop the conversation: the cache keeps it, and the
 * failure is logged. A stored conversation that cannot be read back (written by another version)
 * is treated as empty rather than breaking the thread.
 */
public final class StoreChatMemoryStore implements ChatMemoryStore {

    private static final Logger log = LoggerFactory.getLogger(StoreChatMemoryStore.class);
    static final int MAX_CACHED_THREADS = 500;
    static final Duration IDLE_EXPIRY = Duration.ofHours(2);

    private final ConversationStore store;
    private final Clock clock;
    private final Cache<String, List<ChatMessage>> cache;

    public StoreChatMemoryStore(ConversationStore store, Clock clock) {
        this(store, clock, MAX_CACHED_THREADS, IDLE_EXPIRY, Ticker.systemTicker());
    }

    StoreChatMemoryStore(ConversationStore store, Clock clock, int maxThreads, Duration idle, Ticker ticker) {
        this.store = store;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(maxThreads).expireAfterAccess(idle).ticker(ticker).build();
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        String key = memoryId.toString();
        return cache.get(key, this::load);
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String key = memoryId.toString();
        List<ChatMessage> copy = List.copyOf(messages);
        cache.put(key, copy);
        try {
            store.saveConversation(key, ChatMessageSerializer.messagesToJson(copy), clock.instant());
        } catch (StoreException e) {
            log.warn("Could not save the conversation of thread {}; it is kept in memory only: {}", key, e.toString(), e);
        }
    }

    @Override
    public void deleteMessages(Object memoryId) {
        String key = memoryId.toString();
        cache.invalidate(key);
        try {
            store.deleteConversation(key);
        } catch (StoreException e) {
            log.warn("Could not delete the conversation of thread {}: {}", key, e.toString(), e);
        }
    }

    /** Whether anything is remembered of a thread, without loading it into the cache twice. */
    public boolean isEmpty(String threadKey) {
        return getMessages(threadKey).isEmpty();
    }

    private List<ChatMessage> load(String key) {
        Optional<String> json;
        try {
            json = store.conversation(key);
        } catch (StoreException e) {
            log.warn("Could not read the conversation of thread {}; starting without it: {}", key, e.toString(), e);
            return List.of();
        }
        if (json.isEmpty() || json.get().isBlank()) {
            return List.of();
        }
        try {
            return List.copyOf(ChatMessageDeserializer.messagesFromJson(json.get()));
        } catch (RuntimeException unreadable) {
            log.warn("The stored conversation of thread {} cannot be read; starting without it: {}", key,
                    unreadable.toString(), unreadable);
            return List.of();
        }
    }
}
