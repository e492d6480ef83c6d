import hashlib
import os
import tempfile
import unittest

from keyhold import axora_url, hardware_id, hash_hardware_id
from keyhold.hwid import linux_raw_id


class HardwareId(unittest.TestCase):
    def test_the_formula_is_sha256_of_the_salted_lowercase_id(self):
        expected = hashlib.sha256(b"keyhold-hwid:v1:app_1:abc-def").hexdigest()
        self.assertEqual(hash_hardware_id("app_1", " ABC-DEF\n"), expected)

    def test_apps_get_different_ids_for_one_machine(self):
        self.assertNotEqual(hash_hardware_id("app_1", "m"), hash_hardware_id("app_2", "m"))

    def test_linux_sources_fall_back_in_order(self):
        with tempfile.TemporaryDirectory() as root:
            self.assertIsNone(linux_raw_id(root))
            os.makedirs(os.path.join(root, "sys/class/dmi/id"))
            with open(os.path.join(root, "sys/class/dmi/id/product_uuid"), "w") as f:
                f.write("4C4C4544-0042\n")
            self.assertEqual(linux_raw_id(root), "4c4c4544-0042")
            os.makedirs(os.path.join(root, "etc"))
            with open(os.path.join(root, "etc/machine-id"), "w") as f:
                f.write("\n")  # empty: skipped
            self.assertEqual(linux_raw_id(root), "4c4c4544-0042")
            with open(os.path.join(root, "etc/machine-id"), "w") as f:
                f.write("0123456789abcdef\n")
            self.assertEqual(linux_raw_id(root), "0123456789abcdef")

    @unittest.skipUnless(os.path.exists("/etc/machine-id") or os.path.exists("/sys/class/dmi/id/product_uuid"), "no Linux machine id here")
    def test_this_machine_has_a_stable_id(self):
        self.assertRegex(hardware_id("app_1"), r"^[0-9a-f]{64}$")
        self.assertEqual(hardware_id("app_1"), hardware_id("app_1"))


class Axora(unittest.TestCase):
    def test_each_part_is_percent_encoded_whole(self):
        self.assertEqual(
            axora_url("https://k.example/", "ep1", "al ice", "p+w/%&=é", "1.0.0", "HW 1"),
            "https://k.example/app/auth/ep1+al%20ice+p%2Bw%2F%25%26%3D%C3%A9+1.0.0+HW%201",
        )

    def test_the_hardware_id_part_is_left_out_when_not_given(self):
        self.assertEqual(axora_url("http://h", "e", "u", "p", "1"), "http://h/app/auth/e+u+p+1")

    def test_empty_parts_are_refused(self):
        with self.assertRaises(ValueError):
            axora_url("http://h", "e", "", "p", "1")


if __name__ == "__main__":
    unittest.main()
