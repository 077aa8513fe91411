//! `zooscope`: the native, headless ZooScope runner.
fn main() {
    println!("zooscope");
}
