package dev.watchdog.reports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.watchdog.testing.FakeSlackApi;
import java.util.List;

/**
 * Slack's external upload flow on the fake Web API: {@code files.getUploadURLExternal} hands out an upload
 * URL on the same WireMock, which takes the bytes, and {@code files.completeUploadExternal} shares the file.
 */
public final class FakeSlackUploads {

    public static final String FILE_ID = "F0UPLOAD1";
    private static final String UPLOAD_PATH = "/upload/" + FILE_ID;

    private final FakeSlackApi api;

    private FakeSlackUploads(FakeSlackApi api) {
        this.api = api;
    }

    public static FakeSlackUploads on(FakeSlackApi api) {
        api.respondTo("files.getUploadURLExternal", "{\"ok\":true,\"upload_url\":\"" + api.baseUrl() + UPLOAD_PATH
                + "\",\"file_id\":\"" + FILE_ID + "\"}");
        api.wireMock().stubFor(post(urlPathEqualTo(UPLOAD_PATH)).willReturn(aResponse().withStatus(200)
                .withBody("OK - " + FILE_ID)));
        api.respondTo("files.completeUploadExternal", "{\"ok\":true,\"files\":[{\"id\":\"" + FILE_ID + "\"}]}");
        return new FakeSlackUploads(api);
    }

    /** What reached the upload URL, in order. */
    public List<LoggedRequest> uploads() {
        return api.wireMock().findAll(postRequestedFor(urlPathEqualTo(UPLOAD_PATH)));
    }
}
