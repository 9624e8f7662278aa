package io.govassist.system;

import io.govassist.security.privacy.PersonalDataMasker;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.Optional;

/** Maps every failure of the JSON API to a JSON error body with a stable code; never a stack trace. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(ApiError.of(e.code(), e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return error(HttpStatus.PAYLOAD_TOO_LARGE, "REQUEST_TOO_LARGE",
                        "请求体超过 " + Math.max(1, tooLarge.limit() / 1024) + " KB 的上限");
            }
        }
        return error(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "请求体不是有效的 JSON，或字段类型不正确");
    }

    @ExceptionHandler({MethodArgumentNotValidException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    ResponseEntity<ApiError> invalid(Exception e) {
        return error(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "请求参数不正确");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiError> missingPart(MissingServletRequestPartException e) {
        return error(HttpStatus.BAD_REQUEST, "NO_FILES", "请至少上传一个文件（表单字段 files）");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "FILE_TOO_LARGE", "上传的文件超过大小上限");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> multipart(MultipartException e) {
        return error(HttpStatus.BAD_REQUEST, "MALFORMED_UPLOAD", "上传请求格式不正确，请使用 multipart/form-data");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "不支持的请求内容类型："
                + PersonalDataMasker.mask(String.valueOf(e.getContentType())));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "不支持的请求方法：" + e.getMethod());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, "NOT_FOUND", "请求的地址不存在");
    }

    /** The client of an asynchronous request (an answer stream) has gone: there is no one to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e, HttpServletResponse response) {
        log.debug("Client gone: {}", e.getMessage());
    }

    /**
     * The container's timeout of an asynchronous request: for an answer stream only a backstop (its own deadline
     * normally ends it first with an {@code error} event); a committed response cannot take a JSON error any more.
     */
    @ExceptionHandler(AsyncRequestTimeoutException.class)
    ResponseEntity<ApiError> asyncTimeout(AsyncRequestTimeoutException e, HttpServletResponse response) {
        if (response.isCommitted()) {
            return null;
        }
        return error(HttpStatus.SERVICE_UNAVAILABLE, "TIMEOUT", "处理超时，请稍后重试");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        Optional<ApiException> storage = StorageFailures.classify(e);
        if (storage.isPresent()) {
            // a full disk or an unreachable database (StoreUnavailableException, JDBC connection failures)
            log.error("Storage unavailable ({}): {}", storage.get().code(), e.toString());
            return error(storage.get().status(), storage.get().code(), storage.get().getMessage());
        }
        log.error("Unexpected error", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "服务器内部错误，请稍后重试");
    }

    /** JSON with an explicit content type, so it is written even to a client that accepts only event streams. */
    private static ResponseEntity<ApiError> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ApiError.of(code, message));
    }
}
