# The forum thread's script (../shared/seed/forum-thread.txt), verbatim except for the lines marked CHANGED:
# the input and output paths and the number of folds come from the command line.
import os

import joblib

# import cv2  # CHANGED: the thread imports OpenCV but never uses it

import numpy as np

def window_leveling(x, c=50, w=400, ymin=0, ymax=255):

    output = x.copy()

    wmin = (c - 0.5) - ((w - 1) / 2)

    wmax = (c - 0.5) + ((w - 1) / 2)

    output = ((wmin < x) & (x <= wmax)) * ((x - (c - 0.5)) / (w - 1) + 0.5) * (ymax - ymin) + ymin

    output[x <= wmin] = ymin

    output[x > wmax] = ymax

    return output.astype(np.uint8)

def main():

    import sys  # CHANGED: paths and fold count from the command line
    path = sys.argv[1]  # CHANGED

    out_path = sys.argv[2]  # CHANGED

    emr_feature_number = [1, 6, 9, 11, 14, 15, 16]

    ct_slice_num = 80

    default_value = 0

    for i in range(int(sys.argv[3])):  # CHANGED: range(5) in the thread

        ct_data = joblib.load(f'{path}/cross_validation_ct_threshold_{i+1}.pkl')

        voxel_list = joblib.load(f'{path}/cross_validation_voxel_list_postprocess_{i+1}.pkl')

        emr_data = joblib.load(f'{path}/emr_data_{i+1}.pkl')

       

        sub_path = f'{out_path}/fold_{i+1}/'

        os.makedirs(f'{sub_path}')

       

        for voxel_info in voxel_list:

            image_index, z, y, x, answer = voxel_info

            emr = np.array(emr_data[image_index])[emr_feature_number]

            ct = window_leveling(ct_data[image_index])

            start_index = (ct_slice_num - ct.shape[0]) //2

            np_extended = np.full((ct_slice_num, 512, 512), default_value, dtype=np.uint8)

            np_extended[start_index:start_index + ct.shape[0], :, :] = ct

            np_padding = np.pad(np_extended, ((10, 10), (65, 65), (65, 65)), 'constant', constant_values=default_value)

           

            ct_z = z + 10

            ct_y = y + 65

            ct_x = x + 65

           

            axial =  np_padding[ct_z, ct_y - 32:ct_y + 33, ct_x - 32:ct_x + 33]

            sagittal = np_padding[ct_z - 10:ct_z + 11, ct_y - 32:ct_y + 33, ct_x]

            coronal = np_padding[ct_z - 10:ct_z + 11, ct_y, ct_x - 32:ct_x + 33]

           

            data = [axial, sagittal, coronal, emr, int(answer)]

            save_path = f'{sub_path}/fold_{i+1}_{image_index:02d}_{answer}_{z:02d}_{y:03d}_{x:03d}.pkl'

            joblib.dump(data, save_path)

if __name__ == '__main__':

    main()
