/* Webhook delivery (libcurl). */
#include <curl/curl.h>

/* Bug: a new easy handle per delivery, and no transfer timeout. */
int deliver_all(const char **urls, int n, const char *body)
{
    int failures = 0;
    for (int i = 0; i < n; i++) {
        CURL *h = curl_easy_init();
        if (!h)
            return -1;
        curl_easy_setopt(h, CURLOPT_URL, urls[i]);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
        if (curl_easy_perform(h) != CURLE_OK)
            failures++;
        curl_easy_cleanup(h);
    }
    return failures;
}
