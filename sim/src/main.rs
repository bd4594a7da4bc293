fn main() { println!("lms-sim: not yet"); }
