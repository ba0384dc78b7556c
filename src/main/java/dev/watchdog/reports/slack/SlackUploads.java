package dev.watchdog.reports.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.files.FilesCompleteUploadExternalResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import dev.watchdog.reports.chart.Png;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a picture in a channel or thread through Slack's external upload flow: ask for an upload URL
 * ({@code files.getUploadURLExternal}), send the bytes there, then share the file
 * ({@code files.completeUploadExternal}). A workspace that refuses uploads (the app lacks
 * {@code files:write}, or an admin forbids them) gets text only; that is logged once, not per picture.
 */
public final class SlackUploads {

    private static final Logger log = LoggerFactory.getLogger(SlackUploads.class);
    private static final Set<String> REFUSALS = Set.of("missing_scope", "not_allowed", "not_allowed_token_type",
            "no_permission", "restricted_action", "file_uploads_disabled", "file_uploads_except_images_disabled",
            "access_denied");
    private static final MediaType PNG = MediaType.get(Png.CONTENT_TYPE);

    private final MethodsClient slack;
    private final OkHttpClient http;
    private final AtomicBoolean refused = new AtomicBoolean();

    public SlackUploads(MethodsClient slack, OkHttpClient http) {
        this.slack = slack;
        this.http = http;
    }

    /**
     * Uploads and shares the picture; false when the workspace refuses uploads (then nothing is tried again).
     *
     * @param threadTs the thread to share it in, or null for the channel itself
     * @throws IOException when Slack or the upload URL fails for any other reason
     */
    public boolean share(Png png, String channelId, String threadTs) throws IOException {
        return share(png.filename(), png.title(), png.bytes(), PNG, channelId, threadTs);
    }

    /**
     * Uploads and shares any file (a list as text, say); false when the workspace refuses uploads.
     *
     * @param title what Slack shows as the file's title, and its alt text
     * @throws IOException when Slack or the upload URL fails for any other reason
     */
    public boolean share(String filename, String title, byte[] bytes, MediaType type, String channelId,
            String threadTs) throws IOException {
        if (refused.get()) {
            return false;
        }
        try {
            FilesGetUploadURLExternalResponse target = slack.filesGetUploadURLExternal(request -> request
                    .filename(filename).length(bytes.length).altTxt(title));
            if (!target.isOk()) {
                return refusedOr(target.getError(), "files.getUploadURLExternal");
            }
            send(target.getUploadUrl(), bytes, type);
            FilesCompleteUploadExternalResponse shared = slack.filesCompleteUploadExternal(request -> request
                    .files(List.of(new FilesCompleteUploadExternalRequest.FileDetails(target.getFileId(), title)))
                    .channelId(channelId).threadTs(threadTs));
            if (!shared.isOk()) {
                return refusedOr(shared.getError(), "files.completeUploadExternal");
            }
            return true;
        } catch (SlackApiException failure) {
            throw new IOException("Slack refused the upload: " + failure.getMessage(), failure);
        }
    }

    private void send(String uploadUrl, byte[] bytes, MediaType type) throws IOException {
        Request request = new Request.Builder().url(uploadUrl).post(RequestBody.create(bytes, type)).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("the upload URL answered HTTP " + response.code());
            }
        }
    }

    private boolean refusedOr(String error, String method) throws IOException {
        if (!REFUSALS.contains(error)) {
            throw new IOException(method + " failed: " + error);
        }
        if (refused.compareAndSet(false, true)) {
            log.warn("Slack does not let Watchdog upload files ({} answered {}): graphs and charts are left out,"
                    + " text only; add the files:write scope to the app and reinstall it to get them", method, error);
        }
        return false;
    }
}
