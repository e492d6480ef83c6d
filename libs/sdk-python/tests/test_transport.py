import socket
import threading
import unittest

from keyhold import Client, NetworkError


class SilentServer:
    """Accepts connections, reads the request, and closes without answering; counts connections."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.connections = 0
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.recv(65536)
            conn.close()

    def close(self):
        self.sock.close()


def closed_port_url():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}"


class RetryPolicy(unittest.TestCase):
    def client(self, url, retries):
        self.retried = []
        return Client(url, "ak_test", retries=retries, retry_backoff=0.01, timeout=2, on_retry=lambda n, e: self.retried.append(n))

    def test_a_login_that_reached_the_server_is_never_sent_twice(self):
        server = SilentServer()
        self.addCleanup(server.close)
        with self.assertRaises(NetworkError) as caught:
            self.client(server.url, retries=2).login("alice", "pw", "HW-1")
        self.assertTrue(caught.exception.reached)
        self.assertEqual(caught.exception.code, "NETWORK_ERROR")
        self.assertEqual(server.connections, 1)
        self.assertEqual(self.retried, [])

    def test_a_get_that_got_no_answer_is_retried(self):
        server = SilentServer()
        self.addCleanup(server.close)
        with self.assertRaises(NetworkError):
            self.client(server.url, retries=2).session()
        self.assertEqual(server.connections, 3)
        self.assertEqual(self.retried, [1, 2])

    def test_a_connection_that_could_not_be_opened_is_retried_even_for_a_login(self):
        with self.assertRaises(NetworkError) as caught:
            self.client(closed_port_url(), retries=3).login("alice", "pw")
        self.assertFalse(caught.exception.reached)
        self.assertEqual(self.retried, [1, 2, 3])

    def test_no_retries_when_asked_for_none(self):
        with self.assertRaises(NetworkError):
            self.client(closed_port_url(), retries=0).session()
        self.assertEqual(self.retried, [])

    def test_a_bad_base_url_is_refused_at_once(self):
        with self.assertRaises(ValueError):
            Client("ftp://example.com", "ak_test")


if __name__ == "__main__":
    unittest.main()
